namespace VaeSweep.Core.Reports;

/// <summary>GitHub-flavoured Markdown: one section per table, ready to paste into an issue or a paper draft.</summary>
public sealed class MarkdownRenderer : IReportRenderer
{
    public void Render(ReportModel model, TextWriter output)
    {
        output.WriteLine("# VaeSweep report");
        output.WriteLine();
        foreach (var source in model.Sources) output.WriteLine($"- {Escape(source)}");
        foreach (var table in ReportTables.Build(model))
        {
            output.WriteLine();
            output.WriteLine($"## {Escape(table.Title)}");
            output.WriteLine();
            output.WriteLine(Row(table.Headers));
            output.WriteLine(Row(table.RightAligned.Select(r => r ? "---:" : "---").ToList()));
            foreach (var row in table.Rows) output.WriteLine(Row(row));
            if (table.Notes.Count > 0) output.WriteLine();
            foreach (var note in table.Notes) output.WriteLine($"_{Escape(note)}_  ");
        }
    }

    private static string Row(IReadOnlyList<string> cells) => $"| {string.Join(" | ", cells.Select(Escape))} |";

    // A pipe ends a cell and a leading * or _ would start emphasis: both are escaped.
    private static string Escape(string text) => text
        .Replace("\\", "\\\\").Replace("|", "\\|").Replace("*", "\\*").Replace("_", "\\_");
}
