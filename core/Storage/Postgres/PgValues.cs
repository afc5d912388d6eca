using Npgsql;

namespace VaeSweep.Core.Storage;

// Conversions between C# values and PostgreSQL columns. double precision keeps NaN and ±infinity as they are, so
// unlike SQLite no value needs a stand-in; null means "not measured".
internal static class PgValues
{
    public static object Nullable(double? value) => value is { } v ? v : DBNull.Value;

    public static object Nullable(int? value) => value is { } v ? v : DBNull.Value;

    public static double? Metric(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetDouble(ordinal);

    public static int? Int(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetInt32(ordinal);

    public static string? String(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    public static DateTimeOffset Time(NpgsqlDataReader r, int ordinal) => r.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? OptionalTime(NpgsqlDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? null : r.GetFieldValue<DateTimeOffset>(ordinal);
}
