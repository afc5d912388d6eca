using VaeSweep.Core.Pictures;

namespace VaeSweep.Tests.Pictures;

public sealed class PaletteTests
{
    [Fact]
    public void Ten_distinct_colours_repeat_and_write_as_css_hex()
    {
        var colours = Enumerable.Range(0, Palette.Count).Select(Palette.Colour).ToList();

        Assert.Equal(10, colours.Distinct().Count());
        Assert.Equal(Palette.Colour(3), Palette.Colour(13));
        Assert.Equal("#1f77b4", Palette.Hex(0));
        Assert.Equal("#17becf", Palette.Hex(9));
        Assert.Equal(LatentEmbedding.ClassColour(4), Palette.Colour(4));
    }
}
