using System.Buffers.Binary;
using System.Security.Cryptography;
using VaeSweep.Core.Platform;

namespace VaeSweep.Core.Data;

/// <summary>
/// The compact binary cache of the mnist-sample digits, so that only the first load pays for parsing 20 MB of
/// JSON. Layout (little-endian): "VSMS" magic, version, count, height, width (uint32 each), the SHA-256 of the
/// payload (32 bytes), then the payload: count*height*width pixel bytes round(v*255), then count label bytes.
/// The checksum catches a cache cut short by a crash or edited by hand.
/// </summary>
public static class MnistSampleCache
{
    public const uint Version = 1;
    private static ReadOnlySpan<byte> Magic => "VSMS"u8;
    private const int HeaderLength = 20 + 32;

    public static void Write(string path, ReadOnlySpan<byte> pixels, ReadOnlySpan<byte> labels, int height, int width)
    {
        int count = labels.Length;
        if (pixels.Length != count * height * width)
            throw new ArgumentException($"{pixels.Length} pixel bytes for {count} images of {height}x{width}", nameof(pixels));
        var payload = new byte[pixels.Length + labels.Length];
        pixels.CopyTo(payload);
        labels.CopyTo(payload.AsSpan(pixels.Length));
        var header = new byte[HeaderLength];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), Version);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), count);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), height);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), width);
        SHA256.HashData(payload).CopyTo(header.AsSpan(20));

        // Durably, so a crash never leaves a half-written cache under the real name.
        DurableFile.Write(path, [.. header, .. payload]);
    }

    /// <summary>The cached digits: pixel bytes (0..255), labels, and the image shape.</summary>
    public static (byte[] Pixels, byte[] Labels, int Height, int Width) Read(string path)
    {
        if (!File.Exists(path))
            throw new DataException($"{path}: file not found");
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < HeaderLength)
            throw new DataException($"{path}: truncated: {bytes.Length} bytes is shorter than the {HeaderLength}-byte header");
        if (!bytes.AsSpan(0, 4).SequenceEqual(Magic))
            throw new DataException($"{path}: wrong magic number (not a VaeSweep mnist-sample cache)");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        if (version != Version)
            throw new DataException($"{path}: cache version {version}, expected {Version}; delete the file to rebuild it");
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        int height = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        int width = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16));
        if (count <= 0 || height <= 0 || width <= 0)
            throw new DataException($"{path}: wrong dimensions: {count} images of {height}x{width}");
        long expected = HeaderLength + (long)count * height * width + count;
        if (bytes.Length != expected)
            throw new DataException($"{path}: truncated: {bytes.Length} bytes, the header promises {expected}");
        var payload = bytes.AsSpan(HeaderLength);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(bytes.AsSpan(20, 32)))
            throw new DataException($"{path}: checksum mismatch: the cache is corrupt; delete it to rebuild it");
        int pixelCount = count * height * width;
        return (payload[..pixelCount].ToArray(), payload[pixelCount..].ToArray(), height, width);
    }
}
