namespace VaeSweep.Core.Reports;

/// <summary>
/// A report request the user can fix: an unknown axis or metric (a missing store is the store's own error, as in
/// every other command). The message is one line that names what was asked for and what is allowed.
/// </summary>
public sealed class ReportException : Exception
{
    public ReportException(string message) : base(message) { }
}
