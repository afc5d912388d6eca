using System.Net.Sockets;
using Npgsql;
using VaeSweep.Core.Platform;

namespace VaeSweep.Core.Storage;

/// <summary>
/// The store on a PostgreSQL server, for sweeps whose workers run on many machines (a Slurm array): the same
/// schema, state machine (PL/pgSQL triggers), leases and numbered migrations as the SQLite <see cref="Store"/>,
/// whose documentation states the contract. Claims lock the chosen row with <c>SELECT ... FOR UPDATE SKIP
/// LOCKED</c>, so concurrent claimers never wait on each other and never take one run twice.
/// <para>Every public member may be called from any thread; each operation takes a pooled connection and, if it
/// writes, one short transaction.</para>
/// </summary>
public sealed partial class PostgresStore : IStore
{
    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _time;
    private readonly string _server;

    private PostgresStore(NpgsqlDataSource source, string location, string server, TimeProvider time)
    {
        _source = source;
        Path = location;
        _server = server;
        _time = time;
    }

    /// <summary>The URL without its password.</summary>
    public string Path { get; }

    /// <summary>Connects to the database a postgresql:// URL names and brings its schema up to date.</summary>
    /// <exception cref="StoreException">The URL is malformed, the server cannot be reached, it refuses the user or
    /// password, the database does not exist, or it holds another program's tables or a newer schema.</exception>
    public static PostgresStore Open(string url, TimeProvider? time = null)
    {
        var (builder, location) = PostgresUrl.Parse(url);
        var server = $"{builder.Host}:{builder.Port}";
        var store = new PostgresStore(new NpgsqlDataSourceBuilder(builder.ConnectionString).Build(), location, server,
            time ?? TimeProvider.System);
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

    public void Dispose() => _source.Dispose();

    private DateTimeOffset Now => _time.GetUtcNow();

    private PgSession Connect() => new(_source.OpenConnection());

    private T Read<T>(Func<PgSession, T> body) => Guard(() =>
    {
        using var session = Connect();
        return body(session);
    });

    private T Write<T>(Func<PgSession, T> body) => Guard(() =>
    {
        using var session = Connect();
        session.Begin();
        var result = body(session);
        session.Commit();
        return result;
    });

    private void Write(Action<PgSession> body) => Write(session =>
    {
        body(session);
        return 0;
    });

    private void Guard(Action body) => Guard(() =>
    {
        body();
        return 0;
    });

    // Environment failures become one-line user errors naming the server; SQL errors of ours (constraint and
    // trigger violations) are bugs and keep their stack trace.
    private T Guard<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (PostgresException e) when (Describe(e) is { } problem)
        {
            throw new StoreException($"store {Path}: {problem}", e);
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            var cause = e.InnerException is SocketException s ? s.Message : e.Message;
            throw new StoreException(
                $"store {Path}: cannot reach the PostgreSQL server at {_server} ({cause}); check that it runs and " +
                "that the host and port are right", e);
        }
    }

    private string? Describe(PostgresException e) => e.SqlState switch
    {
        "28P01" or "28000" => $"the server at {_server} refused the user or password ({e.MessageText}); " +
                              "check the password in the URL, PGPASSWORD or ~/.pgpass",
        "3D000" => $"{e.MessageText} on {_server}; create it first (createdb) or fix the name in the URL",
        "53100" => $"the server at {_server} is out of disk space ({e.MessageText})",
        "57P01" or "57P02" or "57P03" => $"the server at {_server} is shutting down or starting ({e.MessageText}); try again",
        "42501" => $"permission denied ({e.MessageText}); grant the user rights on the database",
        _ => null,
    };

    private void Initialise() => Write(session =>
    {
        // One transaction under an advisory lock: two processes opening a new database at once migrate it once.
        session.Execute("SELECT pg_advisory_xact_lock(@key)", ("key", PgMigrations.LockKey));
        var ours = (bool)session.Scalar("SELECT to_regclass('schema_migrations') IS NOT NULL")!;
        var tables = Convert.ToInt64(session.Scalar(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"));
        if (!ours && tables > 0)
            throw new StoreException(
                $"store {Path}: this database holds {tables} tables of another program and no VaeSweep schema; " +
                "VaeSweep will not modify it: name another database");
        if (!ours)
            session.Execute("""
                CREATE TABLE schema_migrations (
                    version     integer PRIMARY KEY,
                    name        text NOT NULL,
                    applied_utc timestamptz NOT NULL
                )
                """);
        var version = Convert.ToInt32(session.Scalar("SELECT coalesce(max(version), 0) FROM schema_migrations"));
        if (version > PgMigrations.Latest)
            throw new StoreException(
                $"store {Path}: schema version {version} was written by a newer VaeSweep; this build knows " +
                $"versions up to {PgMigrations.Latest}: upgrade VaeSweep to use this store");
        for (; version < PgMigrations.Latest; version++)
        {
            var (name, sql) = PgMigrations.All[version];
            session.Execute(sql);
            FaultPoints.Hit("during-migration");
            session.Execute("INSERT INTO schema_migrations (version, name, applied_utc) VALUES (@v, @n, @t)",
                ("v", version + 1), ("n", name), ("t", Now));
        }
    });
}
