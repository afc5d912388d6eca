using Microsoft.Data.Sqlite;

// The namespace is Storage, not Store (the folder's name): a namespace named like the class inside it makes
// `Store` resolve to the namespace in every sibling namespace of VaeSweep.Core (error CS0118).
namespace VaeSweep.Core.Storage;

/// <summary>
/// The SQLite store of sweeps, runs and results: the only code in VaeSweep that speaks SQL.
/// <para><b>Opening.</b> One instance per process, from <see cref="Open"/>. Opening creates the parent folder,
/// refuses a file that is not a VaeSweep store or whose schema is newer than this build
/// (<see cref="StoreException"/>), switches the file to WAL once, and applies pending numbered migrations.</para>
/// <para><b>Thread safety.</b> Every public member may be called from any thread at any time. Each operation
/// opens its own (pooled) connection and, if it writes, one short BEGIN IMMEDIATE transaction; nothing is
/// shared between operations but immutable settings. Several processes (or several instances on one file) may
/// use the same database at once: SQLite's locking serialises writers, readers proceed under WAL, and a writer
/// waits up to <see cref="BusyTimeout"/> for the lock.</para>
/// <para><b>Runs and leases.</b> A run moves through the states of <see cref="RunState"/>. Working on a run
/// requires holding it: <see cref="TryClaimRun"/> hands a run to exactly one owner with a lease; the owner
/// keeps the lease alive with <see cref="Heartbeat"/>. An owner holds a run for as long as the store names it
/// as the lease owner: an expired lease only makes the run claimable by others, and once another owner has
/// claimed it, every owner-checked write by the old owner throws <see cref="LeaseLostException"/> and records
/// nothing.</para>
/// <para><b>Immutability.</b> A run's config and key never change. An epoch row is written once, complete.
/// Terminal runs (completed, failed, diverged) hold no lease and accept no epochs, checkpoints, evaluations
/// or state changes, except that <see cref="ResetFailed"/> returns failed and diverged runs to pending.
/// An evaluation and its bounds are written in the transaction that completes the run, never otherwise.</para>
/// <para><b>Numbers.</b> Metrics are stored as what they are: NaN and ±infinity read back as NaN and ±infinity;
/// null means "not measured".</para>
/// <para><b>Time.</b> All times come from the <see cref="TimeProvider"/> given to <see cref="Open"/>, so lease
/// expiry can be tested without sleeping. Times are stored as UTC text.</para>
/// </summary>
public sealed partial class Store : IStore
{
    /// <summary>How long a write waits for another process's lock before giving up.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private bool _disposed;

    private Store(string path, TimeProvider time, string? dataSource = null, SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate)
    {
        Path = path;
        _time = time;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = dataSource ?? path,
            Mode = mode,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens (creating if needed) the store at <paramref name="path"/> and brings its schema up to date.
    /// </summary>
    /// <param name="time">Clock for every recorded time and for lease expiry; the system clock by default.</param>
    /// <exception cref="StoreException">The folder or file cannot be created or written, the file is not a
    /// VaeSweep store, or its schema is newer than this build understands.</exception>
    public static Store Open(string path, TimeProvider? time = null)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot create the folder for the store {fullPath}: {e.Message}", e);
        }

        var store = new Store(fullPath, time ?? TimeProvider.System);
        try
        {
            store.Guard(store.Initialise);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Releases this instance's pooled connections, so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private SqlSession Connect()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        var session = new SqlSession(connection);
        // Per-connection settings, re-applied on every open because pooled connections may be fresh ones.
        // synchronous=FULL: in WAL mode NORMAL can lose the last commits on power loss; we commit a few rows
        // per epoch, so an fsync per commit costs nothing measurable and an epoch recorded stays recorded.
        session.Execute($"""
            PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};
            PRAGMA foreign_keys = ON;
            PRAGMA synchronous = FULL;
            """);
        return session;
    }

    private T Read<T>(Func<SqlSession, T> body) => Guard(() =>
    {
        using var session = Connect();
        return body(session);
    });

    private T Write<T>(Func<SqlSession, T> body) => Guard(() =>
    {
        using var session = Connect();
        session.Begin();
        var result = body(session);
        session.Commit();
        return result;
    });

    private void Write(Action<SqlSession> body) => Write(session =>
    {
        body(session);
        return 0;
    });
}
