using System.Globalization;
using System.Net;
using System.Text;

namespace VaeSweep.Core.Pictures;

/// <summary>
/// A <see cref="LatentEmbedding"/> as a standalone SVG document: one circle per point in its class colour, a
/// framed plot with tick values, the axis names, and a legend of the classes present. It carries its own style, so
/// it reads the same as a file, through an &lt;img&gt; in the HTML report, or in a paper.
/// </summary>
internal static class EmbeddingSvg
{
    private const int Width = 470, Height = 390, Left = 60, Top = 30, Plot = 320, LegendLeft = Left + Plot + 18;
    private const string Style =
        "text{font:11px sans-serif;fill:#333}.title{font-size:13px;font-weight:600}.tick,.legend{font-size:10px;fill:#444}"
        + ".frame{fill:none;stroke:#999}.grid{stroke:#eee}";

    public static string Render(LatentEmbedding e)
    {
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\">"));
        svg.Append(Inv($"<style>{Style}</style><title>{Esc(e.Title)}</title>"));
        svg.Append(Inv($"<text x=\"{Left + Plot / 2}\" y=\"16\" class=\"title\" text-anchor=\"middle\">{Esc(e.Title)}</text>"));
        double Px(double u) => Left + u * Plot;
        double Py(double v) => Top + (1 - v) * Plot;

        foreach (var x in AxisTicks.Nice(e.XRange.Lo, e.XRange.Hi))
        {
            var px = Px(e.Unit(x, 0).U);
            svg.Append(Inv($"<line x1=\"{px:F1}\" x2=\"{px:F1}\" y1=\"{Top}\" y2=\"{Top + Plot}\" class=\"grid\"/>"));
            svg.Append(Inv($"<text x=\"{px:F1}\" y=\"{Top + Plot + 14}\" text-anchor=\"middle\" class=\"tick\">{Esc(AxisTicks.Label(x))}</text>"));
        }
        foreach (var y in AxisTicks.Nice(e.YRange.Lo, e.YRange.Hi))
        {
            var py = Py(e.Unit(0, y).V);
            svg.Append(Inv($"<line x1=\"{Left}\" x2=\"{Left + Plot}\" y1=\"{py:F1}\" y2=\"{py:F1}\" class=\"grid\"/>"));
            svg.Append(Inv($"<text x=\"{Left - 4}\" y=\"{py + 4:F1}\" text-anchor=\"end\" class=\"tick\">{Esc(AxisTicks.Label(y))}</text>"));
        }
        svg.Append(Inv($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Plot}\" height=\"{Plot}\" class=\"frame\"/>"));

        foreach (var (x, y, label) in e.Points)
        {
            var (u, v) = e.Unit(x, y);
            svg.Append(Inv($"<circle cx=\"{Px(u):F1}\" cy=\"{Py(v):F1}\" r=\"2\" fill=\"{LatentEmbedding.ClassColour(label).Hex}\" fill-opacity=\"0.75\"/>"));
        }

        var notDrawn = e.NotDrawn > 0 ? $" ({e.NotDrawn} non-finite points not drawn)" : "";
        svg.Append(Inv($"<text x=\"{Left + Plot / 2}\" y=\"{Top + Plot + 32}\" text-anchor=\"middle\" class=\"axis\">{Esc(e.XName + notDrawn)}</text>"));
        svg.Append(Inv($"<text transform=\"translate(16 {Top + Plot / 2}) rotate(-90)\" text-anchor=\"middle\" class=\"axis\">{Esc(e.YName)}</text>"));
        var row = 0;
        foreach (var label in e.Classes)
        {
            var top = Top + 4 + 16 * row++;
            var name = label <= 9 ? label.ToString(CultureInfo.InvariantCulture) : "unknown";
            svg.Append(Inv($"<rect x=\"{LegendLeft}\" y=\"{top}\" width=\"9\" height=\"9\" fill=\"{LatentEmbedding.ClassColour(label).Hex}\"/>"));
            svg.Append(Inv($"<text x=\"{LegendLeft + 14}\" y=\"{top + 9}\" class=\"legend\">{Esc(name)}</text>"));
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
