namespace VaeSweep.Core.Pictures;

/// <summary>A colour of an <see cref="RgbImage"/>.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static Rgb White => new(255, 255, 255);
    public static Rgb Black => new(0, 0, 0);

    /// <summary>The colour as CSS and SVG write it: "#1f77b4".</summary>
    public string Hex => $"#{R:x2}{G:x2}{B:x2}";
}
