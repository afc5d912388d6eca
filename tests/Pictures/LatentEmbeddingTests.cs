using System.Globalization;
using System.Xml.Linq;
using VaeSweep.Core.Pictures;

namespace VaeSweep.Tests.Pictures;

public sealed class LatentEmbeddingTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // Three points spanning the data range x in [0, 10], y in [0, 5].
    private static readonly float[] Points = [0f, 0f, 10f, 5f, 5f, 2.5f];
    private static readonly byte[] Labels = [3, 7, 1];

    private static LatentEmbedding Embedding(float[] points, byte[] labels) =>
        new(points, labels, "latent embedding of 3 test points", "principal axis 1", "principal axis 2");

    [Fact]
    public void The_svg_is_well_formed_with_one_circle_per_point_in_its_class_colour()
    {
        var svg = XDocument.Parse(Embedding(Points, Labels).Svg());

        Assert.Equal(Svg + "svg", svg.Root!.Name);
        var fills = svg.Descendants(Svg + "circle").Select(c => (string)c.Attribute("fill")!).ToList();
        Assert.Equal(Labels.Select(l => Palette.Hex(l)), fills);
    }

    [Fact]
    public void Points_keep_their_order_on_both_axes()
    {
        var circles = XDocument.Parse(Embedding(Points, Labels).Svg()).Descendants(Svg + "circle")
            .Select(c => (X: Number(c, "cx"), Y: Number(c, "cy"))).ToList();

        // (0, 0) bottom left, (10, 5) top right, (5, 2.5) half-way between; SVG's y grows downwards.
        Assert.True(circles[0].X < circles[2].X && circles[2].X < circles[1].X);
        Assert.True(circles[0].Y > circles[2].Y && circles[2].Y > circles[1].Y);
        Assert.Equal((circles[0].X + circles[1].X) / 2, circles[2].X, 1);
        Assert.Equal((circles[0].Y + circles[1].Y) / 2, circles[2].Y, 1);
    }

    [Fact]
    public void Axis_names_title_and_tick_values_are_text()
    {
        var texts = XDocument.Parse(Embedding(Points, Labels).Svg()).Descendants(Svg + "text").Select(t => t.Value).ToList();

        Assert.Contains("principal axis 1", texts);
        Assert.Contains("principal axis 2", texts);
        Assert.Contains("latent embedding of 3 test points", texts);
        Assert.Contains("10", texts); // an x tick at the largest x
        Assert.Contains("2", texts);  // a y tick inside [0, 5]
    }

    [Fact]
    public void The_legend_lists_the_classes_present_in_order_with_their_colours()
    {
        var svg = XDocument.Parse(Embedding(Points, [.. Labels.Take(2), 255]).Svg());

        var legend = svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "legend").Select(t => t.Value);
        var swatches = svg.Descendants(Svg + "rect").Select(r => (string?)r.Attribute("fill")).Where(f => f is not null);
        Assert.Equal(["3", "7", "unknown"], legend);
        Assert.Equal([Palette.Hex(3), Palette.Hex(7), "#000000"], swatches);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Non_finite_points_are_left_out_counted_and_do_not_stretch_the_range(float bad)
    {
        var embedding = Embedding([.. Points, bad, 1f], [.. Labels, 5]);
        var svg = XDocument.Parse(embedding.Svg());

        Assert.Equal(3, svg.Descendants(Svg + "circle").Count());
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "principal axis 1 (1 non-finite points not drawn)");
        Assert.Equal(Embedding(Points, Labels).XRange, embedding.XRange);
    }

    [Fact]
    public void Equal_coordinates_put_the_points_in_the_middle()
    {
        var embedding = Embedding([2f, 2f, 2f, 2f], [4, 4]);

        Assert.Equal((0.5, 0.5), embedding.Unit(2, 2));
    }

    [Fact]
    public void Markup_in_names_is_escaped()
    {
        var svg = new LatentEmbedding(Points, Labels, "a <b> & 'c'", "x", "y").Svg();

        Assert.Equal("a <b> & 'c'", XDocument.Parse(svg).Descendants(Svg + "title").Single().Value);
    }

    [Fact]
    public void The_raster_is_an_rgb_png_of_the_points_alone()
    {
        var image = Embedding(Points, Labels).Raster(200);
        using var output = new MemoryStream();
        image.WritePng(output);

        var png = PngTestReader.Read(output.ToArray());
        Assert.Equal((200, 200, 2), (png.Width, png.Height, png.ColourType));
        Assert.Equal(image.Pixels, png.Pixels);
        // No text: the only colours are the white ground, the frame and the classes drawn.
        var colours = Enumerable.Range(0, 200 * 200).Select(i => image[i % 200, i / 200]).Distinct().ToHashSet();
        Assert.Equal(5, colours.Count);
        Assert.Subset(colours, Labels.Select(l => LatentEmbedding.ClassColour(l)).Append(Rgb.White).Append(image[0, 0]).ToHashSet());
    }

    [Fact]
    public void Raster_points_land_where_their_values_put_them_in_their_class_colour()
    {
        var image = Embedding(Points, Labels).Raster(200);

        List<(int X, int Y)> Pixels(byte label) => Enumerable.Range(0, 200 * 200).Select(i => (X: i % 200, Y: i / 200))
            .Where(p => image[p.X, p.Y] == LatentEmbedding.ClassColour(label)).ToList();
        Assert.Equal(9, Pixels(3).Count); // one 3x3 square
        Assert.All(Pixels(3), p => Assert.True(p.X < 20 && p.Y > 180, $"(0, 0) bottom left, got {p}"));
        Assert.All(Pixels(7), p => Assert.True(p.X > 180 && p.Y < 20, $"(10, 5) top right, got {p}"));
        Assert.Equal(LatentEmbedding.ClassColour(1), image[100, 100]); // (5, 2.5) in the middle
    }

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
