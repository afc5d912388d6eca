namespace VaeSweep.Core.Reports;

/// <summary>
/// A report request the user can fix: a store file that does not exist, an unknown axis or metric. The message
/// is one line that names what was asked for and what is allowed.
/// </summary>
public sealed class ReportException : Exception
{
    public ReportException(string message) : base(message) { }
}
