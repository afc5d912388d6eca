namespace VaeSweep.Core.Data;

/// <summary>
/// Reads Larochelle's binarised MNIST .amat text files (seed 003): one example per line, 784 space-separated
/// 0/1 values. Parsed byte by byte because numpy-style text parsing of 50,000 lines is needlessly slow.
/// </summary>
public static class AmatReader
{
    /// <summary>The examples as 0/1 floats, row-major, <paramref name="dim"/> values per line.</summary>
    public static (float[] Pixels, int Count) Read(string path, int dim = 784)
    {
        byte[] text = DataFile.ReadAllBytes(path);
        var rows = new List<float[]>();
        int line = 0;
        int pos = 0;
        while (pos < text.Length)
        {
            line++;
            int end = Array.IndexOf(text, (byte)'\n', pos);
            if (end < 0) end = text.Length;
            var row = ParseLine(path, line, text.AsSpan(pos, end - pos), dim);
            if (row is not null) rows.Add(row);
            pos = end + 1;
        }
        if (rows.Count == 0)
            throw new DataException($"{path}: no examples (empty file)");
        var pixels = new float[rows.Count * dim];
        for (int i = 0; i < rows.Count; i++)
            rows[i].CopyTo(pixels, i * dim);
        return (pixels, rows.Count);
    }

    // Returns null for a blank line (a trailing newline at the end of the file is common).
    private static float[]? ParseLine(string path, int line, ReadOnlySpan<byte> text, int dim)
    {
        var row = new float[dim];
        int n = 0;
        bool inToken = false;
        foreach (byte b in text)
        {
            switch (b)
            {
                case (byte)'0' or (byte)'1':
                    if (inToken)
                        throw new DataException($"{path}:{line}: value {n - 1} is not 0 or 1");
                    inToken = true;
                    if (n == dim)
                        throw new DataException($"{path}:{line}: wrong dimensions: more than {dim} values");
                    row[n++] = b - '0';
                    break;
                case (byte)' ' or (byte)'\t' or (byte)'\r':
                    inToken = false;
                    break;
                default:
                    throw new DataException($"{path}:{line}: unexpected character '{(char)b}' (expected 0 or 1)");
            }
        }
        if (n == 0) return null;
        if (n != dim)
            throw new DataException($"{path}:{line}: wrong dimensions: {n} values (expected {dim}); the file may be truncated");
        return row;
    }
}
