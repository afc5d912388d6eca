using Microsoft.Data.Sqlite;

namespace VaeSweep.Core.Storage;

public sealed partial class Store
{
    /// <summary>
    /// Opens an existing store for reading only (status, report, doctor, export): it never creates, migrates or
    /// switches the journal of the file, and leaves no file beside it, so a store the user may read but not write
    /// can be read, and reading another user's store leaves nothing of this user's behind. Every write through the
    /// returned instance fails.
    /// <para>While a writer has the store open its <c>-wal</c> file exists, and the store is opened read-only
    /// through SQLite's shared memory, so the newest commits are seen. Otherwise no process is writing and the file
    /// is opened as immutable: SQLite then needs neither <c>-wal</c> nor <c>-shm</c>, which it would otherwise
    /// create beside the store even for a read-only connection.</para>
    /// <para>A store with an older schema is migrated by <see cref="Open"/> when this user may write it, and refused
    /// with a hint otherwise: reading it through this build's queries would fail on missing columns.</para>
    /// </summary>
    /// <exception cref="StoreException">The path is a folder or does not exist, the file is not a VaeSweep store,
    /// its schema is newer than this build or older and not writable, or it cannot be read.</exception>
    public static Store OpenReadOnly(string path, TimeProvider? time = null)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
            throw new StoreException($"{fullPath} is a folder, not a store file; give the sweep's .db file");
        if (!File.Exists(fullPath))
            throw new StoreException($"{fullPath}: no store there (run the sweep first, or check the path)");

        var store = ReadOnlyAt(fullPath, time ?? TimeProvider.System);
        int version;
        try
        {
            version = store.Read(store.CheckOwnership);
        }
        catch
        {
            store.Dispose();
            throw;
        }
        if (version >= Migrations.Latest) return store;
        store.Dispose();
        if (!Writable(fullPath))
            throw new StoreException(
                $"store {fullPath} has schema version {version}, older than this build's {Migrations.Latest}, and is not " +
                "writable here: ask its owner to run any vaesweep command on it once, which upgrades it");
        return Open(fullPath, time);
    }

    private static Store ReadOnlyAt(string fullPath, TimeProvider time)
    {
        if (File.Exists(fullPath + "-wal"))
            return new Store(fullPath, time, fullPath, SqliteOpenMode.ReadOnly);
        // A URI file name, so that immutable=1 reaches SQLite; the path is percent-encoded by Uri.
        var uri = new Uri(fullPath).AbsoluteUri + "?immutable=1";
        return new Store(fullPath, time, uri, SqliteOpenMode.ReadOnly);
    }

    private static bool Writable(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
