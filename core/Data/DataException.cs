namespace VaeSweep.Core.Data;

/// <summary>
/// A problem with a data file that the user can fix (missing, truncated, wrong format). The message is one
/// line that names the file and what is wrong, so the CLI can print it without a stack trace.
/// </summary>
public sealed class DataException : Exception
{
    public DataException(string message) : base(message) { }

    public DataException(string message, Exception inner) : base(message, inner) { }
}
