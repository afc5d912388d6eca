using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace VaeSweep.Core.Pictures;

/// <summary>
/// Writes 8-bit greyscale and RGB PNG files (PNG specification, 2nd edition): signature, IHDR, one IDAT holding
/// the zlib-compressed scanlines, IEND. Every scanline uses filter type 0 (none): the pictures are small and
/// simple, and the plainest encoding is the easiest to check.
/// </summary>
public static class PngWriter
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private const byte ColourGrey = 0;
    private const byte ColourRgb = 2;

    /// <summary>Greyscale: one byte per pixel, row-major, 0 = black.</summary>
    public static void WriteGrey(Stream output, int width, int height, ReadOnlySpan<byte> pixels) =>
        Write(output, width, height, pixels, ColourGrey, channels: 1);

    /// <summary>RGB: three bytes per pixel (red, green, blue), row-major.</summary>
    public static void WriteRgb(Stream output, int width, int height, ReadOnlySpan<byte> pixels) =>
        Write(output, width, height, pixels, ColourRgb, channels: 3);

    public static void WriteGrey(string path, int width, int height, ReadOnlySpan<byte> pixels)
    {
        using var file = CreateFile(path);
        WriteGrey(file, width, height, pixels);
    }

    public static void WriteRgb(string path, int width, int height, ReadOnlySpan<byte> pixels)
    {
        using var file = CreateFile(path);
        WriteRgb(file, width, height, pixels);
    }

    private static FileStream CreateFile(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        return File.Create(path);
    }

    private static void Write(Stream output, int width, int height, ReadOnlySpan<byte> pixels, byte colourType, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int stride = width * channels;
        if (pixels.Length != stride * height)
            throw new ArgumentException($"{pixels.Length} bytes for a {width}x{height} image with {channels} channel(s)", nameof(pixels));

        output.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;            // bit depth
        header[9] = colourType;
        header[10] = 0;           // compression: deflate
        header[11] = 0;           // filter method: adaptive (each line says its type; ours are all 0)
        header[12] = 0;           // no interlace
        WriteChunk(output, "IHDR"u8, header);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int y = 0; y < height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(pixels.Slice(y * stride, stride));
            }
        }
        WriteChunk(output, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        WriteChunk(output, "IEND"u8, []);
    }

    /// <summary>Length, type, data, then the CRC of type and data (CRC-32/ISO-HDLC, System.IO.Hashing's Crc32).</summary>
    internal static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        output.Write(word);
    }
}
