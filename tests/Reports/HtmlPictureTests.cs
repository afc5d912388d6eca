using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using VaeSweep.Core.Pictures;

namespace VaeSweep.Tests.Reports;

/// <summary>The run pictures in the HTML report: the latent embedding as its SVG (with text), other pictures as PNG.</summary>
public sealed partial class HtmlPictureTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_latent_embedding_is_embedded_as_its_svg_once()
    {
        using var demo = new DemoStore(pictures: true);

        var html = Report(demo);

        var embedded = Embedded(html).Where(p => p.Kind == "latent-embedding").ToList();
        var (_, media, bytes) = Assert.Single(embedded);
        Assert.Equal("image/svg+xml", media);
        var svg = XDocument.Parse(Encoding.UTF8.GetString(bytes));
        Assert.Equal(DemoStore.Embedding.Points.Select(p => LatentEmbedding.ClassColour(p.Label).Hex),
            svg.Descendants(Svg + "circle").Select(c => (string)c.Attribute("fill")!));
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("z1 (posterior mean)", texts);
        Assert.Contains("z2 (posterior mean)", texts);
        Assert.Contains(Embedded(html), p => p is { Kind: "prior-samples", Media: "image/png" });
    }

    [Fact]
    public void A_run_without_the_svg_shows_its_png()
    {
        using var demo = new DemoStore(pictures: true);
        File.Delete(Path.Combine(demo.Folder, "pictures", "latent-embedding.svg"));

        var html = Report(demo);

        var (_, media, _) = Assert.Single(Embedded(html), p => p.Kind == "latent-embedding");
        Assert.Equal("image/png", media);
    }

    private static string Report(DemoStore demo)
    {
        var path = Path.Combine(demo.Folder, "report.html");
        var (code, _, error) = CliRun.Report("--format", "html", "--out", path, demo.DbPath);
        Assert.True(code == 0, error);
        return File.ReadAllText(path);
    }

    private static IEnumerable<(string Kind, string Media, byte[] Bytes)> Embedded(string html) =>
        DataImage().Matches(html).Select(m => (m.Groups[1].Value, m.Groups[2].Value, Convert.FromBase64String(m.Groups[3].Value)));

    [GeneratedRegex("<img alt=\"([^\"]+)\" src=\"data:([^;]+);base64,([A-Za-z0-9+/=]+)\">")]
    private static partial Regex DataImage();
}
