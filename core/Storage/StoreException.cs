namespace VaeSweep.Core.Storage;

/// <summary>
/// A problem with the store that the user can fix: the database path is unwritable, the disk is full, the file
/// is not a VaeSweep database, or its schema is newer than this build. The message names the database path and
/// is meant to be printed as one line, without a stack trace.
/// </summary>
public class StoreException : Exception
{
    public StoreException(string message) : base(message) { }

    public StoreException(string message, Exception inner) : base(message, inner) { }
}
