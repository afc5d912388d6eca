namespace VaeSweep.Core.Pictures;

/// <summary>A colour of an <see cref="RgbImage"/>.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static Rgb White => new(255, 255, 255);
    public static Rgb Black => new(0, 0, 0);
}
