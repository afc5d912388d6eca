using System.Globalization;
using Microsoft.Data.Sqlite;

namespace VaeSweep.Core.Storage;

// Conversions between C# values and what the store keeps in its columns.
internal static class SqlValues
{
    // Fixed-width UTC text: sorts like the instant it names, so lease expiry can be compared in SQL, and reads
    // plainly in the sqlite3 shell.
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    // SQLite stores NaN as NULL, which would make a diverged curve look unmeasured, and Microsoft.Data.Sqlite
    // refuses to bind it at all. So NaN is kept as the TEXT 'NaN' (a REAL column keeps text that is not a
    // well-formed number as text). Infinities are genuine REAL values in SQLite and round-trip as such.
    public const string NaNText = "NaN";

    public static object Metric(double value) => double.IsNaN(value) ? NaNText : value;

    public static object Metric(double? value) => value is { } v ? Metric(v) : DBNull.Value;

    public static object Nullable(int? value) => value is { } v ? v : DBNull.Value;

    public static object Nullable(string? value) => value is { } v ? v : DBNull.Value;

    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static double? ReadMetric(SqliteDataReader reader, int ordinal)
    {
        var value = reader.GetValue(ordinal);
        return value switch
        {
            DBNull => null,
            double d => d,
            long l => l,
            string s when s == NaNText => double.NaN,
            _ => throw new InvalidDataException(
                $"metric column '{reader.GetName(ordinal)}' holds '{value}', which is not a number"),
        };
    }

    public static double ReadRequiredMetric(SqliteDataReader reader, int ordinal) =>
        ReadMetric(reader, ordinal) ?? throw new InvalidDataException(
            $"required metric column '{reader.GetName(ordinal)}' is NULL");

    public static int? ReadInt(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static string? ReadString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset ReadTime(SqliteDataReader reader, int ordinal) =>
        ParseTime(reader.GetString(ordinal));

    public static DateTimeOffset? ReadOptionalTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ParseTime(reader.GetString(ordinal));

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
