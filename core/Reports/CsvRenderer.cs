using System.Globalization;

namespace VaeSweep.Core.Reports;

/// <summary>Tidy CSV (RFC 4180 quoting, invariant numbers, NaN/inf/-inf as written by pandas).</summary>
/// <param name="perEpoch">One row per epoch instead of one per run.</param>
public sealed class CsvRenderer(bool perEpoch) : IReportRenderer
{
    public void Render(ReportModel model, TextWriter output)
    {
        var (columns, rows) = TidyTable.Build(model, perEpoch);
        output.Write(string.Join(",", columns.Select(Quote)) + "\n");
        foreach (var row in rows) output.Write(string.Join(",", row.Select(Cell)) + "\n");
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => ReportNumbers.Data(d),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString()!),
    };

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : $"\"{text.Replace("\"", "\"\"")}\"";
}
