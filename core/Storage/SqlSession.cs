using Microsoft.Data.Sqlite;

namespace VaeSweep.Core.Storage;

// One connection, and the transaction on it if the operation writes. Every command of a write must carry the
// transaction (Microsoft.Data.Sqlite refuses otherwise), so the session attaches it in one place.
internal sealed class SqlSession : IDisposable
{
    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;

    public SqlSession(SqliteConnection connection) => _connection = connection;

    // BeginTransaction() is BEGIN IMMEDIATE in Microsoft.Data.Sqlite: the write lock is taken up front, so a
    // read-then-write inside it cannot be invalidated by another writer, and a busy database makes us wait at
    // BEGIN (under busy_timeout) rather than fail half-way.
    public void Begin() => _transaction = _connection.BeginTransaction();

    public void Commit() => _transaction!.Commit();

    // Ends the transaction if it was not committed, so that the connection can be used on (DETACH needs that).
    public void Rollback()
    {
        _transaction?.Dispose();
        _transaction = null;
    }

    public SqliteCommand Command(string sql, params (string Name, object? Value)[] args)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        foreach (var (name, value) in args)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    public int Execute(string sql, params (string Name, object? Value)[] args)
    {
        using var command = Command(sql, args);
        return command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params (string Name, object? Value)[] args)
    {
        using var command = Command(sql, args);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] args)
    {
        using var command = Command(sql, args);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    public void Dispose()
    {
        // Disposing an uncommitted transaction rolls it back: an exception anywhere in a write leaves no trace.
        _transaction?.Dispose();
        _connection.Dispose();
    }
}
