using System.Globalization;
using System.Net;
using System.Text;

namespace VaeSweep.Core.Pictures;

/// <summary>
/// Line charts as inline SVG, so an HTML report is one file that opens offline with no script. Lines break at
/// non-finite values (a diverged run's curve stops where it broke) and the chart says how many were left out.
/// </summary>
internal static class SvgChart
{
    private const int Width = 440, PlotHeight = 250, Left = 64, Right = 14, Top = 26, Bottom = 42, LegendRow = 16;

    /// <param name="xTicks">Fixed x ticks with labels (an ordinal axis); otherwise ticks are chosen.</param>
    /// <param name="markers">Vertical dashed lines with a label, such as where the k-schedule changes k.</param>
    public static string Line(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series,
        bool logX = false, IReadOnlyList<(double X, string Label)>? xTicks = null,
        IReadOnlyList<(double X, string Label)>? markers = null)
    {
        var finite = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)
            && (!logX || p.X > 0)).ToList();
        var dropped = series.Sum(s => s.Points.Count) - finite.Count;
        var legendRows = series.Count > 1 ? (series.Count + 1) / 2 : 0;
        var height = Top + PlotHeight + Bottom + legendRows * LegendRow;
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\">"));
        svg.Append(Inv($"<title>{Esc(title)}</title><text x=\"{Width / 2}\" y=\"16\" class=\"title\" text-anchor=\"middle\">{Esc(title)}</text>"));
        if (finite.Count == 0)
        {
            svg.Append(Inv($"<text x=\"{Width / 2}\" y=\"{Top + PlotHeight / 2}\" text-anchor=\"middle\" class=\"empty\">no finite values recorded</text></svg>"));
            return svg.ToString();
        }

        double Tx(double x) => logX ? Math.Log10(x) : x;
        var (x0, x1) = AxisTicks.Pad(finite.Min(p => Tx(p.X)), finite.Max(p => Tx(p.X)), 0);
        var (y0, y1) = AxisTicks.Pad(finite.Min(p => p.Y), finite.Max(p => p.Y), 0.05);
        var plotWidth = Width - Left - Right;
        double Px(double x) => Left + (Tx(x) - x0) / (x1 - x0) * plotWidth;
        double Py(double y) => Top + PlotHeight - (y - y0) / (y1 - y0) * PlotHeight;

        svg.Append(Inv($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{PlotHeight}\" class=\"frame\"/>"));
        foreach (var y in AxisTicks.Nice(y0, y1))
        {
            svg.Append(Inv($"<line x1=\"{Left}\" x2=\"{Left + plotWidth}\" y1=\"{Py(y):F1}\" y2=\"{Py(y):F1}\" class=\"grid\"/>"));
            svg.Append(Inv($"<text x=\"{Left - 4}\" y=\"{Py(y) + 4:F1}\" text-anchor=\"end\" class=\"tick\">{Esc(AxisTicks.Label(y))}</text>"));
        }
        var ticks = xTicks ?? (logX ? AxisTicks.Log(x0, x1) : AxisTicks.Nice(x0, x1).Select(x => (x, AxisTicks.Label(x))).ToList());
        foreach (var (x, label) in ticks)
        {
            svg.Append(Inv($"<line x1=\"{Px(x):F1}\" x2=\"{Px(x):F1}\" y1=\"{Top}\" y2=\"{Top + PlotHeight}\" class=\"grid\"/>"));
            svg.Append(Inv($"<text x=\"{Px(x):F1}\" y=\"{Top + PlotHeight + 14}\" text-anchor=\"middle\" class=\"tick\">{Esc(label)}</text>"));
        }
        foreach (var (x, label) in markers ?? [])
        {
            svg.Append(Inv($"<line x1=\"{Px(x):F1}\" x2=\"{Px(x):F1}\" y1=\"{Top}\" y2=\"{Top + PlotHeight}\" class=\"marker\"/>"));
            svg.Append(Inv($"<text x=\"{Px(x) + 3:F1}\" y=\"{Top + 11}\" class=\"marker-label\">{Esc(label)}</text>"));
        }
        for (var i = 0; i < series.Count; i++) AppendSeries(svg, series[i], Palette.Hex(i), Px, Py, logX);

        svg.Append(Inv($"<text x=\"{Left + plotWidth / 2}\" y=\"{Top + PlotHeight + 32}\" text-anchor=\"middle\" class=\"axis\">{Esc(xLabel)}{(dropped > 0 ? $" ({dropped} non-finite values not drawn)" : "")}</text>"));
        svg.Append(Inv($"<text transform=\"translate(14 {Top + PlotHeight / 2}) rotate(-90)\" text-anchor=\"middle\" class=\"axis\">{Esc(yLabel)}</text>"));
        for (var i = 0; i < series.Count && legendRows > 0; i++)
        {
            var lx = Left + (i % 2) * (plotWidth / 2);
            var ly = Top + PlotHeight + Bottom + (i / 2) * LegendRow + 4;
            var color = Palette.Hex(i);
            svg.Append(Inv($"<line x1=\"{lx}\" x2=\"{lx + 18}\" y1=\"{ly - 4}\" y2=\"{ly - 4}\" stroke=\"{color}\" stroke-width=\"2\"{(series[i].Dashed ? " stroke-dasharray=\"4 3\"" : "")}/>"));
            svg.Append(Inv($"<text x=\"{lx + 22}\" y=\"{ly}\" class=\"legend\">{Esc(series[i].Name)}</text>"));
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    // One polyline per run of finite points, so a line stops at a NaN instead of bridging it.
    private static void AppendSeries(StringBuilder svg, ChartSeries s, string color, Func<double, double> px,
        Func<double, double> py, bool logX)
    {
        var segment = new List<string>();
        var dash = s.Dashed ? " stroke-dasharray=\"4 3\"" : "";
        void Flush()
        {
            if (segment.Count > 1)
                svg.Append($"<polyline class=\"series\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dash} points=\"{string.Join(" ", segment)}\"/>");
            segment.Clear();
        }
        foreach (var (x, y) in s.Points)
        {
            if (!double.IsFinite(x) || !double.IsFinite(y) || (logX && x <= 0)) { Flush(); continue; }
            segment.Add(Inv($"{px(x):F1},{py(y):F1}"));
            if (s.Points.Count <= 40)
                svg.Append(Inv($"<circle cx=\"{px(x):F1}\" cy=\"{py(y):F1}\" r=\"2.5\" fill=\"{color}\"/>"));
        }
        Flush();
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
