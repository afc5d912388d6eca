using Microsoft.Data.Sqlite;

namespace VaeSweep.Core.Storage;

public sealed partial class Store
{
    // SQLite primary result codes that describe the file or the machine rather than a bug in our SQL.
    private const int SqlitePerm = 3, SqliteBusy = 5, SqliteReadOnly = 8, SqliteIoErr = 10, SqliteCorrupt = 11,
        SqliteFull = 13, SqliteCantOpen = 14, SqliteNotADb = 26;

    private void Guard(Action body) => Guard(() =>
    {
        body();
        return 0;
    });

    // Turns environment failures into one-line user errors that name the file; constraint violations and
    // other SQL errors are bugs and keep their stack trace.
    private T Guard<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (SqliteException e) when (Describe(e) is { } problem)
        {
            throw new StoreException($"store {Path}: {problem}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"store {Path}: {e.Message}", e);
        }
    }

    private static string? Describe(SqliteException e) => e.SqliteErrorCode switch
    {
        SqliteFull => "the disk is full; free some space and run the command again",
        SqliteReadOnly or SqlitePerm or SqliteCantOpen =>
            $"cannot open or write the database ({e.Message}); check that the path and its folder are writable",
        SqliteIoErr => $"input/output error ({e.Message}); check the disk (is it full or failing?)",
        SqliteCorrupt => $"the database is corrupt ({e.Message}); restore it from a backup or start a new store",
        SqliteNotADb => "the file is not a SQLite database; choose another store path",
        SqliteBusy => $"the database stayed locked by another process for more than {BusyTimeout.TotalSeconds} s",
        _ => null,
    };
}
