namespace VaeSweep.Core.Pictures;

/// <summary>
/// Tiles images of height x width floats in [0, 1] into a grid with a 1-pixel gap: samples from the prior, or
/// inputs beside their reconstructions. Ink is drawn dark on white (value 1 = black), as seed 003 shows digits
/// with matplotlib's Greys map; the gap is mid grey so white-edged tiles stay apart.
/// </summary>
public static class ImageGrid
{
    public const byte GapShade = 128;
    public const int Gap = 1;

    /// <summary>
    /// Places image i (of images.Length / (height * width)) at row i / cols, column i % cols; cells past the
    /// last image stay gap grey.
    /// </summary>
    public static GreyImage Tile(ReadOnlySpan<float> images, int height, int width, int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cols);
        int dim = height * width;
        if (images.Length % dim != 0)
            throw new ArgumentException($"{images.Length} values is not a whole number of {height}x{width} images", nameof(images));
        int count = images.Length / dim;
        if (count > rows * cols)
            throw new ArgumentException($"{count} images do not fit a {rows}x{cols} grid", nameof(images));

        var grid = new GreyImage(cols * width + (cols - 1) * Gap, rows * height + (rows - 1) * Gap, GapShade);
        for (int i = 0; i < count; i++)
        {
            int left = i % cols * (width + Gap);
            int top = i / cols * (height + Gap);
            var image = images.Slice(i * dim, dim);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    grid[left + x, top + y] = Shade(image[y * width + x]);
        }
        return grid;
    }

    /// <summary>
    /// One row per input: the input, then its k reconstructions. <paramref name="reconstructions"/> holds
    /// n x k images with input i's k reconstructions contiguous, the (batch, k, D) order of the model (seed 000).
    /// </summary>
    public static GreyImage Reconstructions(ReadOnlySpan<float> inputs, ReadOnlySpan<float> reconstructions, int k, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        int dim = height * width;
        int n = inputs.Length / dim;
        if (n == 0 || inputs.Length != n * dim || reconstructions.Length != n * k * dim)
            throw new ArgumentException($"{inputs.Length} input and {reconstructions.Length} reconstruction values do not make n and n x {k} images of {height}x{width}");
        var interleaved = new float[n * (k + 1) * dim];
        for (int i = 0; i < n; i++)
        {
            int row = i * (k + 1) * dim;
            inputs.Slice(i * dim, dim).CopyTo(interleaved.AsSpan(row));
            reconstructions.Slice(i * k * dim, k * dim).CopyTo(interleaved.AsSpan(row + dim));
        }
        return Tile(interleaved, height, width, n, k + 1);
    }

    /// <summary>The grey byte of a value: 0 -> 255 (white), 1 -> 0 (black); out of range clamps, NaN shows white.</summary>
    public static byte Shade(float value)
    {
        float v = float.IsNaN(value) ? 0f : Math.Clamp(value, 0f, 1f);
        return (byte)(255 - (int)MathF.Round(v * 255f));
    }
}
