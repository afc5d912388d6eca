using System.Buffers.Binary;

namespace VaeSweep.Core.Data;

/// <summary>
/// Reads MNIST-format IDX files (LeCun's format, also used by Fashion-MNIST), plain or gzipped: a big-endian
/// header (magic 2051 = unsigned bytes, 3 dimensions for images; 2049 = unsigned bytes, 1 dimension for labels)
/// followed by the raw bytes. Every size is checked against the header so a short download fails here, loudly.
/// </summary>
public static class IdxReader
{
    public const int ImagesMagic = 2051;
    public const int LabelsMagic = 2049;

    /// <summary>Pixels scaled to [0, 1], row-major, with the image count and shape from the header.</summary>
    public static (float[] Pixels, int Count, int Rows, int Cols) ReadImages(string path)
    {
        byte[] bytes = DataFile.ReadAllBytes(path);
        CheckHeader(path, bytes, ImagesMagic, headerLength: 16);
        int count = ReadCount(path, bytes, 4, "image count");
        int rows = ReadCount(path, bytes, 8, "row count");
        int cols = ReadCount(path, bytes, 12, "column count");
        long expected = 16 + (long)count * rows * cols;
        CheckLength(path, bytes.Length, expected, $"{count} images of {rows}x{cols}");
        var pixels = new float[(long)count * rows * cols];
        // Exact for all 256 levels (v / 255f), so a round trip through bytes is lossless.
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = bytes[16 + i] / 255f;
        return (pixels, count, rows, cols);
    }

    public static byte[] ReadLabels(string path)
    {
        byte[] bytes = DataFile.ReadAllBytes(path);
        CheckHeader(path, bytes, LabelsMagic, headerLength: 8);
        int count = ReadCount(path, bytes, 4, "label count");
        CheckLength(path, bytes.Length, 8L + count, $"{count} labels");
        return bytes.AsSpan(8, count).ToArray();
    }

    private static void CheckHeader(string path, byte[] bytes, int magic, int headerLength)
    {
        // The magic number first: a label file given as an image file is short too, but "wrong magic" is the
        // more useful diagnosis.
        if (bytes.Length >= 4 && BinaryPrimitives.ReadInt32BigEndian(bytes) is var found && found != magic)
            throw new DataException($"{path}: wrong magic number {found} (expected {magic}, an IDX {(magic == ImagesMagic ? "image" : "label")} file)");
        if (bytes.Length < headerLength)
            throw new DataException($"{path}: truncated: {bytes.Length} bytes is shorter than the {headerLength}-byte IDX header");
    }

    private static int ReadCount(string path, byte[] bytes, int offset, string what)
    {
        int value = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
        if (value <= 0)
            throw new DataException($"{path}: wrong dimensions: {what} is {value}");
        return value;
    }

    private static void CheckLength(string path, long actual, long expected, string what)
    {
        if (actual < expected)
            throw new DataException($"{path}: truncated: header promises {what} ({expected} bytes) but the data has {actual} bytes");
        if (actual > expected)
            throw new DataException($"{path}: {actual - expected} unexpected bytes after {what}");
    }
}
