namespace VaeSweep.Core.Pictures;

/// <summary>
/// A 3x5 bitmap font for digits, minus and point: enough to label a legend and axis ends without a font
/// library. Each glyph is five rows of three bits, most significant bit on the left.
/// </summary>
internal static class TinyFont
{
    public const int GlyphWidth = 3;
    public const int GlyphHeight = 5;

    private static readonly Dictionary<char, byte[]> Glyphs = new()
    {
        ['0'] = [0b111, 0b101, 0b101, 0b101, 0b111],
        ['1'] = [0b010, 0b110, 0b010, 0b010, 0b111],
        ['2'] = [0b111, 0b001, 0b111, 0b100, 0b111],
        ['3'] = [0b111, 0b001, 0b111, 0b001, 0b111],
        ['4'] = [0b101, 0b101, 0b111, 0b001, 0b001],
        ['5'] = [0b111, 0b100, 0b111, 0b001, 0b111],
        ['6'] = [0b111, 0b100, 0b111, 0b101, 0b111],
        ['7'] = [0b111, 0b001, 0b001, 0b001, 0b001],
        ['8'] = [0b111, 0b101, 0b111, 0b101, 0b111],
        ['9'] = [0b111, 0b101, 0b111, 0b001, 0b111],
        ['-'] = [0b000, 0b000, 0b111, 0b000, 0b000],
        ['.'] = [0b000, 0b000, 0b000, 0b000, 0b010],
    };

    /// <summary>Pixels one string takes: glyphs with one blank column between them, times the scale.</summary>
    public static int Width(string text, int scale) => text.Length == 0 ? 0 : (text.Length * (GlyphWidth + 1) - 1) * scale;

    /// <summary>Draws text with its top-left corner at (x, y); characters without a glyph are left blank.</summary>
    public static void Draw(RgbImage image, string text, int x, int y, int scale, Rgb colour)
    {
        foreach (char c in text)
        {
            if (Glyphs.TryGetValue(c, out var rows))
                for (int row = 0; row < GlyphHeight; row++)
                    for (int col = 0; col < GlyphWidth; col++)
                        if ((rows[row] >> (GlyphWidth - 1 - col) & 1) != 0)
                            image.FillRect(x + col * scale, y + row * scale, scale, scale, colour);
            x += (GlyphWidth + 1) * scale;
        }
    }
}
