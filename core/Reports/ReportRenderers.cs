namespace VaeSweep.Core.Reports;

/// <summary>The renderer for each <c>--format</c> name.</summary>
public static class ReportRenderers
{
    public static IReadOnlyList<string> Formats { get; } = ["table", "md", "csv", "json", "html"];

    public static IReportRenderer For(string format, bool perEpoch, IReadOnlyList<string>? by = null) => format switch
    {
        "table" => new TerminalRenderer(),
        "md" => new MarkdownRenderer(),
        "csv" => new CsvRenderer(perEpoch),
        "json" => new JsonRenderer(perEpoch),
        "html" => new HtmlRenderer(by),
        _ => throw new ReportException($"unknown format '{format}' (allowed: {string.Join(", ", Formats)})"),
    };
}
