namespace VaeSweep.Core.Pictures;

/// <summary>An 8-bit RGB picture, row-major, three bytes per pixel.</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, Rgb fill)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Pixels = new byte[width * height * 3];
        FillRect(0, 0, width, height, fill);
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

    public Rgb this[int x, int y]
    {
        get
        {
            int i = (y * Width + x) * 3;
            return new Rgb(Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
        set
        {
            int i = (y * Width + x) * 3;
            (Pixels[i], Pixels[i + 1], Pixels[i + 2]) = (value.R, value.G, value.B);
        }
    }

    /// <summary>Fills the rectangle [x, x + w) x [y, y + h), clipped to the picture.</summary>
    public void FillRect(int x, int y, int w, int h, Rgb colour)
    {
        int x0 = Math.Max(0, x), y0 = Math.Max(0, y);
        int x1 = Math.Min(Width, x + w), y1 = Math.Min(Height, y + h);
        for (int py = y0; py < y1; py++)
            for (int px = x0; px < x1; px++)
                this[px, py] = colour;
    }

    public void SavePng(string path) => PngWriter.WriteRgb(path, Width, Height, Pixels);

    public void WritePng(Stream output) => PngWriter.WriteRgb(output, Width, Height, Pixels);
}
