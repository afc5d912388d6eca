namespace VaeSweep.Core.Reports;

/// <summary>Aligned plain-text tables for a terminal.</summary>
public sealed class TerminalRenderer : IReportRenderer
{
    public void Render(ReportModel model, TextWriter output)
    {
        foreach (var source in model.Sources) output.WriteLine(source);
        foreach (var table in ReportTables.Build(model))
        {
            output.WriteLine();
            output.WriteLine(table.Title);
            WriteTable(table, output);
            foreach (var note in table.Notes) output.WriteLine(note);
        }
    }

    private static void WriteTable(TextTable table, TextWriter output)
    {
        var widths = table.Headers.Select((h, i) => table.Rows.Select(r => r[i].Length).Append(h.Length).Max()).ToList();
        string Line(IReadOnlyList<string> cells) => string.Join("  ", cells.Select((c, i) =>
            table.RightAligned[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(table.Headers));
        output.WriteLine(Line(widths.Select(w => new string('-', w)).ToList()));
        foreach (var row in table.Rows) output.WriteLine(Line(row));
    }
}
