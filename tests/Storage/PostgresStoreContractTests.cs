using Npgsql;
using VaeSweep.Core.Storage;

namespace VaeSweep.Tests.StoreTests;

/// <summary>The store contract against the PostgreSQL store on a real server (<see cref="PostgresServer"/>), each
/// test on a database of its own; and the one-line errors of a store URL.</summary>
public sealed class PostgresStoreContractTests(PostgresServer server) : StoreContract, IClassFixture<PostgresServer>, IDisposable
{
    private readonly string _url = server.NewDatabase();
    private readonly List<IStore> _opened = [];

    private string Database => _url[(_url.LastIndexOf('/') + 1)..];

    protected override IStore Open()
    {
        var store = PostgresStore.Open(_url, Clock);
        lock (_opened) _opened.Add(store);
        return store;
    }

    protected override void Raw(string sql)
    {
        using var connection = server.Connect(Database);
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    protected override object? RawScalar(string sql)
    {
        using var connection = server.Connect(Database);
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    // The server ends the client's backend while its transaction holds the claimed row: a killed worker.
    protected override void DieMidTransaction(string runKey)
    {
        var victim = server.Connect(Database);
        var transaction = victim.BeginTransaction();
        using (var command = new NpgsqlCommand(
            "UPDATE runs SET state = 'running', lease_owner = 'ghost', lease_expires_utc = now() + interval '1 year', attempts = 1 WHERE run_key = @k",
            victim, transaction))
        {
            command.Parameters.AddWithValue("k", runKey);
            Assert.Equal(1, command.ExecuteNonQuery());
        }
        Raw($"SELECT pg_terminate_backend({victim.ProcessID})");
        // pg_terminate_backend only signals: until the backend has exited its row lock stands, and a claim (SKIP
        // LOCKED) passes the run by. Wait for it to be gone, as a later worker would in practice.
        for (var i = 0; i < 200 && Convert.ToInt64(RawScalar($"SELECT count(*) FROM pg_stat_activity WHERE pid = {victim.ProcessID}")) > 0; i++)
            Thread.Sleep(50);
        Assert.ThrowsAny<Exception>(() => transaction.Commit());
        victim.Dispose();
    }

    [Fact]
    public void A_wrong_password_is_one_line_naming_the_server()
    {
        var e = Assert.Throws<StoreException>(() => PostgresStore.Open(server.Url(Database, password: "wrong")));

        Assert.Equal($"store postgresql://vaesweep@127.0.0.1:{server.Port}/{Database}: the server at 127.0.0.1:{server.Port} " +
                     "refused the user or password (password authentication failed for user \"vaesweep\"); check the " +
                     "password in the URL, PGPASSWORD or ~/.pgpass", e.Message);
        Assert.DoesNotContain("wrong", e.Message);
    }

    [Fact]
    public void An_unreachable_server_is_one_line()
    {
        var url = $"postgresql://vaesweep:x@127.0.0.1:1/{Database}";

        var e = Assert.Throws<StoreException>(() => PostgresStore.Open(url));

        Assert.StartsWith("store postgresql://vaesweep@127.0.0.1:1/" + Database + ": cannot reach the PostgreSQL server at 127.0.0.1:1 (", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_database_that_does_not_exist_is_one_line()
    {
        var e = Assert.Throws<StoreException>(() => PostgresStore.Open(server.Url("nosuchdb")));

        Assert.Contains("database \"nosuchdb\" does not exist", e.Message);
        Assert.Contains("create it first (createdb)", e.Message);
    }

    [Theory]
    [InlineData("postgresq://u@h/db", "store 'postgresq://u@h/db': unknown URL scheme 'postgresq'; use postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE or a file path")]
    [InlineData("postgresql://u:secret@h", "store URL 'postgresql://u:***@h' is not postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE: it names no database after the host")]
    [InlineData("postgresql://h/db", "store URL 'postgresql://h/db' is not postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE: it names no user before @")]
    public void A_store_url_with_a_typo_is_one_line(string url, string message)
    {
        var e = Assert.Throws<StoreException>(() => StoreLocation.Open(url));

        Assert.Equal(message, e.Message);
    }

    public void Dispose()
    {
        foreach (var store in _opened) store.Dispose();
    }
}
