namespace VaeSweep.Core.Pictures;

/// <summary>An 8-bit greyscale picture, row-major, 0 = black.</summary>
public sealed class GreyImage
{
    public GreyImage(int width, int height, byte fill = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Pixels = new byte[width * height];
        Array.Fill(Pixels, fill);
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

    public byte this[int x, int y]
    {
        get => Pixels[y * Width + x];
        set => Pixels[y * Width + x] = value;
    }

    public void SavePng(string path) => PngWriter.WriteGrey(path, Width, Height, Pixels);

    public void WritePng(Stream output) => PngWriter.WriteGrey(output, Width, Height, Pixels);
}
