using VaeSweep.Core.Pictures;

namespace VaeSweep.Tests.Pictures;

public sealed class ScatterPlotTests
{
    // Three points spanning the data range x in [0, 10], y in [0, 5].
    private static readonly float[] Points = [0f, 0f, 10f, 5f, 5f, 2.5f];
    private static readonly byte[] Labels = [3, 7, 1];

    [Theory]
    [InlineData(400, 320)]
    [InlineData(200, 150)]
    public void Points_land_at_the_scaled_pixel_in_their_class_colour(int width, int height)
    {
        var plot = new ScatterPlot(width, height);

        var image = plot.Render(Points, Labels);

        int left = plot.PlotLeft + ScatterPlot.Pad, right = plot.PlotRight - ScatterPlot.Pad;
        int bottom = plot.PlotBottom - ScatterPlot.Pad, top = plot.PlotTop + ScatterPlot.Pad;
        Assert.Equal(ScatterPlot.ClassColour(3), image[left, bottom]);
        Assert.Equal(ScatterPlot.ClassColour(3), image[left + 1, bottom - 1]);   // points are 3x3 squares
        Assert.Equal(ScatterPlot.ClassColour(7), image[right, top]);
        Assert.Equal(ScatterPlot.ClassColour(1), image[(int)Math.Round((left + right) / 2.0), (int)Math.Round((top + bottom) / 2.0)]);
        Assert.Equal(Rgb.White, image[left + 3, bottom - 3]);
    }

    [Fact]
    public void Axes_are_drawn_along_the_left_and_bottom()
    {
        var plot = new ScatterPlot();

        var image = plot.Render(Points, Labels);

        Assert.Equal(Rgb.Black, image[plot.PlotLeft, plot.PlotTop]);
        Assert.Equal(Rgb.Black, image[plot.PlotLeft, plot.PlotBottom]);
        Assert.Equal(Rgb.Black, image[plot.PlotRight, plot.PlotBottom]);
        Assert.Equal(Rgb.White, image[plot.PlotRight, plot.PlotTop]);
    }

    [Fact]
    public void The_legend_lists_present_classes_in_order_with_their_colours()
    {
        var plot = new ScatterPlot();

        var image = plot.Render(Points, Labels);

        int[] shown = [1, 3, 7];
        for (int n = 0; n < shown.Length; n++)
        {
            Assert.Equal(ScatterPlot.ClassColour(shown[n]), image[plot.LegendLeft + 3, plot.LegendTop(n) + 3]);
            // The digit's glyph is drawn in black to the right of the square.
            int glyphPixels = 0;
            for (int y = plot.LegendTop(n) - 1; y < plot.LegendTop(n) + 9; y++)
                for (int x = plot.LegendLeft + 11; x < plot.LegendLeft + 17; x++)
                    if (image[x, y] == Rgb.Black) glyphPixels++;
            Assert.InRange(glyphPixels, 16, 60);
        }
        Assert.Equal(Rgb.White, image[plot.LegendLeft + 3, plot.LegendTop(3) + 3]);
    }

    [Fact]
    public void The_ten_class_colours_are_distinct_and_unknown_labels_are_black()
    {
        var colours = Enumerable.Range(0, 10).Select(ScatterPlot.ClassColour).ToList();

        Assert.Equal(10, colours.Distinct().Count());
        Assert.DoesNotContain(Rgb.White, colours);
        Assert.Equal(Rgb.Black, ScatterPlot.ClassColour(255));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Non_finite_points_are_skipped_and_do_not_stretch_the_range(float bad)
    {
        var plot = new ScatterPlot();

        var image = plot.Render([.. Points, bad, 1f], [.. Labels, 5]);

        Assert.Equal(ScatterPlot.ClassColour(7), image[plot.PlotRight - ScatterPlot.Pad, plot.PlotTop + ScatterPlot.Pad]);
    }

    [Fact]
    public void Equal_coordinates_put_the_points_in_the_middle()
    {
        var plot = new ScatterPlot();

        var image = plot.Render([2f, 2f, 2f, 2f], [4, 4]);

        int x = (int)Math.Round((plot.PlotLeft + plot.PlotRight) / 2.0);
        int y = (int)Math.Round((plot.PlotTop + plot.PlotBottom) / 2.0);
        Assert.Equal(ScatterPlot.ClassColour(4), image[x, y]);
    }

    [Fact]
    public void The_plot_is_a_valid_rgb_png()
    {
        var image = new ScatterPlot().Render(Points, Labels);
        using var output = new MemoryStream();

        image.WritePng(output);

        var png = PngTestReader.Read(output.ToArray());
        Assert.Equal((400, 320, 2), (png.Width, png.Height, png.ColourType));
        Assert.Equal(image.Pixels, png.Pixels);
    }
}
