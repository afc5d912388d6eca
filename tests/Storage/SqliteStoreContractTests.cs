using Microsoft.Data.Sqlite;
using VaeSweep.Core.Storage;

namespace VaeSweep.Tests.StoreTests;

/// <summary>The store contract against the SQLite store.</summary>
public sealed class SqliteStoreContractTests : StoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vaesweep-contract-").FullName;
    private readonly List<IStore> _opened = [];

    private string DbPath => Path.Combine(_folder, "store.db");

    protected override IStore Open()
    {
        var store = Store.Open(DbPath, Clock);
        lock (_opened) _opened.Add(store);
        return store;
    }

    protected override void Raw(string sql)
    {
        using var connection = Connection();
        using var command = new SqliteCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    protected override object? RawScalar(string sql)
    {
        using var connection = Connection();
        using var command = new SqliteCommand(sql, connection);
        return command.ExecuteScalar();
    }

    // A connection closed with its write transaction open: what SQLite sees of a process killed before COMMIT.
    protected override void DieMidTransaction(string runKey)
    {
        using var connection = Connection();
        using var transaction = connection.BeginTransaction();
        using var command = new SqliteCommand(
            $"UPDATE runs SET state = 'running', lease_owner = 'ghost', lease_expires_utc = '2999-01-01', attempts = 1 WHERE run_key = '{runKey}'",
            connection, transaction);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private SqliteConnection Connection()
    {
        var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        foreach (var store in _opened) store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
