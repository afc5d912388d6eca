using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using VaeSweep.Core.Pictures;

namespace VaeSweep.Tests.Pictures;

/// <summary>
/// A minimal PNG decoder for the tests: 8-bit greyscale or RGB, no interlace, filter type 0 only. It checks the
/// signature and every chunk's CRC, so a writer bug cannot hide behind a forgiving reader.
/// </summary>
public static class PngTestReader
{
    public static (int Width, int Height, int ColourType, byte[] Pixels, List<string> Chunks) Read(byte[] png)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.Equal(signature, png[..8]);
        int pos = 8, width = 0, height = 0, colourType = -1;
        var chunks = new List<string>();
        using var idat = new MemoryStream();
        while (pos < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string type = Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            Assert.Equal(crc, Crc32.HashToUInt32(png.AsSpan(pos + 4, 4 + length)));
            chunks.Add(type);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);
                colourType = data[9];
                Assert.Equal([0, 0, 0], data[10..13].ToArray());
            }
            if (type == "IDAT") idat.Write(data);
            pos += 12 + length;
        }
        int channels = colourType == 2 ? 3 : 1;
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        byte[] lines = raw.ToArray();
        int stride = width * channels;
        Assert.Equal(height * (stride + 1), lines.Length);
        var pixels = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            Assert.Equal(0, lines[y * (stride + 1)]);
            Array.Copy(lines, y * (stride + 1) + 1, pixels, y * stride, stride);
        }
        return (width, height, colourType, pixels, chunks);
    }
}
