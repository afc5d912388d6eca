namespace VaeSweep.Core.Data;

/// <summary>
/// One split of a data set in memory: <see cref="Count"/> examples of <see cref="Dim"/> pixels in [0, 1],
/// row-major in one array (one allocation, so a batch is a few span copies), and one label byte per example.
/// </summary>
public sealed class DataSplit
{
    /// <summary>The label of an example whose class is unknown (binarised MNIST ships no labels).</summary>
    public const byte UnknownLabel = 255;

    public DataSplit(string name, float[] pixels, byte[] labels, int dim)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        if (pixels.Length % dim != 0)
            throw new ArgumentException($"pixel count {pixels.Length} is not a multiple of dim {dim}", nameof(pixels));
        if (pixels.Length / dim != labels.Length)
            throw new ArgumentException($"{pixels.Length / dim} examples but {labels.Length} labels", nameof(labels));
        Name = name;
        Pixels = pixels;
        Labels = labels;
        Dim = dim;
    }

    /// <summary>"train", "validation" or "test"; it also keys the binarisation noise of the split.</summary>
    public string Name { get; }
    public float[] Pixels { get; }
    public byte[] Labels { get; }
    public int Dim { get; }
    public int Count => Labels.Length;

    public ReadOnlySpan<float> Row(int index) => Pixels.AsSpan(index * Dim, Dim);

    /// <summary>The examples at <paramref name="indices"/>, in that order, as a new split.</summary>
    public DataSplit Select(string name, ReadOnlySpan<int> indices)
    {
        var pixels = new float[indices.Length * Dim];
        var labels = new byte[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            Row(indices[i]).CopyTo(pixels.AsSpan(i * Dim, Dim));
            labels[i] = Labels[indices[i]];
        }
        return new DataSplit(name, pixels, labels, Dim);
    }

    /// <summary>The examples [start, start + count) as a new split.</summary>
    public DataSplit Range(string name, int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, Count);
        return new DataSplit(name, Pixels.AsSpan(start * Dim, count * Dim).ToArray(),
            Labels.AsSpan(start, count).ToArray(), Dim);
    }
}
