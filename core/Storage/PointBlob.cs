using System.Buffers.Binary;

namespace VaeSweep.Core.Storage;

// Per-point values as one BLOB: little-endian float64, in order, 8 bytes each. A row per point would cost
// tens of bytes of overhead per value and ten thousand rows per run; the blob is read and written whole.
internal static class PointBlob
{
    public static byte[] Encode(IReadOnlyList<double> values)
    {
        var bytes = new byte[values.Count * sizeof(double)];
        for (var i = 0; i < values.Count; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        return bytes;
    }

    public static double[] Decode(byte[] bytes)
    {
        if (bytes.Length % sizeof(double) != 0)
            throw new InvalidDataException($"a per-point blob of {bytes.Length} bytes is not a whole number of float64 values");
        var values = new double[bytes.Length / sizeof(double)];
        for (var i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)));
        return values;
    }
}
