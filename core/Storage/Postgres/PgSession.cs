using Npgsql;

namespace VaeSweep.Core.Storage;

// One connection from Npgsql's pool, and the transaction on it if the operation writes; the PostgreSQL twin of
// SqlSession. Parameters are named @name in the SQL.
internal sealed class PgSession : IDisposable
{
    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction? _transaction;

    public PgSession(NpgsqlConnection connection) => _connection = connection;

    // READ COMMITTED with row locks (FOR UPDATE) where a read decides a write: what PostgreSQL's SKIP LOCKED
    // claims are built for.
    public void Begin() => _transaction = _connection.BeginTransaction();

    public void Commit() => _transaction!.Commit();

    public NpgsqlCommand Command(string sql, params (string Name, object? Value)[] args)
    {
        var command = new NpgsqlCommand(sql, _connection, _transaction);
        foreach (var (name, value) in args) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
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

    public List<T> Query<T>(string sql, Func<NpgsqlDataReader, T> map, params (string Name, object? Value)[] args)
    {
        using var command = Command(sql, args);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    public void Dispose()
    {
        _transaction?.Dispose();
        _connection.Dispose();
    }
}
