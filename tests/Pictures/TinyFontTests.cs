using VaeSweep.Core.Pictures;

namespace VaeSweep.Tests.Pictures;

public sealed class TinyFontTests
{
    [Theory]
    [InlineData("3", new[] { "###", "..#", "###", "..#", "###" })]
    [InlineData("1", new[] { ".#.", "##.", ".#.", ".#.", "###" })]
    [InlineData("-", new[] { "...", "...", "###", "...", "..." })]
    public void Glyphs_draw_their_3x5_bitmaps(string text, string[] rows)
    {
        var image = new RgbImage(3, 5, Rgb.White);

        TinyFont.Draw(image, text, 0, 0, 1, Rgb.Black);

        for (int y = 0; y < 5; y++)
            for (int x = 0; x < 3; x++)
                Assert.Equal(rows[y][x] == '#' ? Rgb.Black : Rgb.White, image[x, y]);
    }

    [Theory]
    [InlineData("", 1, 0)]
    [InlineData("7", 1, 3)]
    [InlineData("-1.5", 1, 15)]
    [InlineData("42", 2, 14)]
    public void Text_width_counts_glyphs_and_gaps(string text, int scale, int width)
    {
        Assert.Equal(width, TinyFont.Width(text, scale));
    }

    [Fact]
    public void Scale_two_doubles_every_pixel()
    {
        var image = new RgbImage(6, 10, Rgb.White);

        TinyFont.Draw(image, "7", 0, 0, 2, Rgb.Black);

        Assert.Equal(Rgb.Black, image[0, 0]);
        Assert.Equal(Rgb.Black, image[1, 1]);
        Assert.Equal(Rgb.White, image[0, 2]);   // row 2 of "7" is ..#
        Assert.Equal(Rgb.Black, image[5, 9]);
    }
}
