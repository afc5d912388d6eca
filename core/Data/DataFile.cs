using System.IO.Compression;

namespace VaeSweep.Core.Data;

/// <summary>Reads a whole data file into memory, inflating it first when it is gzipped.</summary>
internal static class DataFile
{
    /// <summary>
    /// The file's bytes. Gzip is detected by its magic bytes (1f 8b) rather than the ".gz" suffix, because
    /// users unpack and rename these files freely.
    /// </summary>
    public static byte[] ReadAllBytes(string path)
    {
        if (!File.Exists(path))
            throw new DataException($"{path}: file not found");
        byte[] raw = File.ReadAllBytes(path);
        if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b)
            return raw;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var inflated = new MemoryStream(raw.Length * 2);
            gzip.CopyTo(inflated);
            return inflated.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new DataException($"{path}: truncated or corrupt gzip data ({e.Message})", e);
        }
    }
}
