using System.Buffers.Binary;
using System.IO.Compression;

namespace VaeSweep.Tests.Data;

/// <summary>Writes small synthetic IDX files for the reader and loader tests.</summary>
public static class IdxFiles
{
    public static byte[] Images(int count, int rows, int cols, Func<int, int, byte> pixel, int magic = 2051)
    {
        var bytes = new byte[16 + count * rows * cols];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), cols);
        for (int i = 0; i < count; i++)
            for (int p = 0; p < rows * cols; p++)
                bytes[16 + i * rows * cols + p] = pixel(i, p);
        return bytes;
    }

    public static byte[] Labels(byte[] labels, int magic = 2049)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    public static byte[] Gzip(byte[] plain)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(plain);
        return output.ToArray();
    }

    /// <summary>A complete MNIST-layout folder: image i of the train split has every pixel = i % 256.</summary>
    public static void WriteFolder(string folder, byte[] trainLabels, byte[] testLabels, bool gzip)
    {
        Directory.CreateDirectory(folder);
        void Put(string name, byte[] plain) =>
            File.WriteAllBytes(Path.Combine(folder, gzip ? name + ".gz" : name), gzip ? Gzip(plain) : plain);
        Put("train-images-idx3-ubyte", Images(trainLabels.Length, 28, 28, (i, _) => (byte)(i % 256)));
        Put("train-labels-idx1-ubyte", Labels(trainLabels));
        Put("t10k-images-idx3-ubyte", Images(testLabels.Length, 28, 28, (i, _) => (byte)(255 - i % 256)));
        Put("t10k-labels-idx1-ubyte", Labels(testLabels));
    }
}
