using System.Net;

namespace VaeSweep.Core.Reports;

/// <summary>
/// One self-contained HTML page: inline CSS, inline SVG charts and the run's PNG and SVG pictures as data URIs, no script and
/// no network, so it can be mailed or archived beside a paper.
/// </summary>
/// <param name="by">The grouping axes, which the metric-against-axis charts prefer for x and for lines.</param>
public sealed class HtmlRenderer(IReadOnlyList<string>? by = null) : IReportRenderer
{
    private const string Style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1400px}
        h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ccc}h3{font-size:14px;margin:14px 0 4px}
        table{border-collapse:collapse;margin:6px 0}th,td{padding:3px 8px;border-bottom:1px solid #e4e4e4;white-space:nowrap}
        th{background:#f4f4f4;text-align:left}td.r,th.r{text-align:right;font-variant-numeric:tabular-nums}
        tr.best td{background:#eef7ea;font-weight:600}.note{color:#666;font-size:12px;margin:2px 0}
        .charts{display:flex;flex-wrap:wrap;gap:8px}.run{margin-bottom:10px}
        .broken{color:#b22}.open{color:#a60}.done{color:#262}
        svg .title{font-size:13px;font-weight:600}svg .tick,svg .legend,svg .marker-label{font-size:10px;fill:#444}
        svg .axis{font-size:11px;fill:#333}svg .frame{fill:none;stroke:#999}svg .grid{stroke:#eee}
        svg .marker{stroke:#888;stroke-dasharray:3 3}svg .empty{fill:#999;font-size:12px}
        img{image-rendering:pixelated;max-width:420px;border:1px solid #ddd;margin-right:8px}figure{display:inline-block;margin:4px}
        """;

    public void Render(ReportModel model, TextWriter output)
    {
        output.Write($"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>VaeSweep report</title><style>{Style}</style></head><body>\n");
        output.Write("<h1>VaeSweep report</h1>\n<ul>");
        foreach (var source in model.Sources) output.Write($"<li>{Esc(source)}</li>");
        output.Write("</ul>\n");
        var tables = ReportTables.Build(model);
        for (var i = 0; i < tables.Count; i++) WriteTable(output, tables[i], i == 0 ? model : null);

        var axisCharts = HtmlCharts.MetricAgainstAxis(model, by ?? []).ToList();
        if (axisCharts.Count > 0) Section(output, "Metrics against the swept axis", axisCharts);
        if (HtmlCharts.BoundAgainstK(model) is { } bound) Section(output, "The bound against k", [bound]);
        if (RateDistortionChart.Render(model, by ?? []) is { } rateDistortion)
            Section(output, "Rate and distortion", [rateDistortion], RateDistortionChart.Note);

        output.Write("<h2>Learning curves</h2>\n<p class=\"note\">dashed vertical lines: the k-schedule changes k</p>\n");
        foreach (var row in model.Rows.Where(r => r.Epochs.Count > 0))
        {
            output.Write($"<div class=\"run\"><h3>{Esc(HtmlCharts.RunLabel(model, row))} <span class=\"{HtmlCharts.StateClass(row)}\">{Esc(ReportTables.State(row))}</span></h3><div class=\"charts\">");
            foreach (var chart in HtmlCharts.LearningCurves(row)) output.Write(chart);
            output.Write("</div></div>\n");
        }
        WritePictures(output, model);
        output.Write("</body></html>\n");
    }

    private static void Section(TextWriter output, string title, IEnumerable<string> charts, string? note = null)
    {
        output.Write($"<h2>{Esc(title)}</h2>\n");
        if (note is not null) output.Write($"<p class=\"note\">{Esc(note)}</p>\n");
        output.Write("<div class=\"charts\">");
        foreach (var chart in charts) output.Write(chart);
        output.Write("</div>\n");
    }

    // The runs table gets the best row highlighted and state colours; the model is passed only for it.
    private static void WriteTable(TextWriter output, TextTable table, ReportModel? runs)
    {
        output.Write($"<h2>{Esc(table.Title)}</h2>\n<table><tr>");
        for (var c = 0; c < table.Headers.Count; c++) output.Write($"<th{Align(table, c)}>{Esc(table.Headers[c])}</th>");
        output.Write("</tr>\n");
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = runs?.Rows[r];
            output.Write(row?.IsBest == true ? "<tr class=\"best\">" : "<tr>");
            for (var c = 0; c < table.Rows[r].Count; c++)
            {
                var state = row is not null && c == table.Headers.Count - 1 ? $" class=\"{HtmlCharts.StateClass(row)}\"" : Align(table, c);
                output.Write($"<td{state}>{Esc(table.Rows[r][c])}</td>");
            }
            output.Write("</tr>\n");
        }
        output.Write("</table>\n");
        foreach (var note in table.Notes) output.Write($"<p class=\"note\">{Esc(note)}</p>\n");
    }

    private static void WritePictures(TextWriter output, ReportModel model)
    {
        var withPictures = model.Rows.Where(r => r.Pictures.Count > 0).ToList();
        if (withPictures.Count == 0) return;
        output.Write("<h2>Pictures</h2>\n");
        foreach (var row in withPictures)
        {
            output.Write($"<div class=\"run\"><h3>{Esc(HtmlCharts.RunLabel(model, row))}</h3>");
            foreach (var kind in row.Pictures.GroupBy(p => p.Kind))
            {
                // A kind kept in both formats (the latent embedding) shows its SVG, where the axes and legend are.
                var shown = kind.Where(p => p.Content is not null).MinBy(p => p.MediaType == "image/svg+xml" ? 0 : 1);
                output.Write(shown is { Content: { } content }
                    ? $"<figure><img alt=\"{Esc(kind.Key)}\" src=\"data:{shown.MediaType};base64,{Convert.ToBase64String(content)}\"><figcaption>{Esc(kind.Key)}</figcaption></figure>"
                    : $"<p class=\"note\">{Esc(kind.Key)}: file not found or not a PNG or SVG ({Esc(kind.First().Path)})</p>");
            }
            output.Write("</div>\n");
        }
    }

    private static string Align(TextTable table, int column) => table.RightAligned[column] ? " class=\"r\"" : "";

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
