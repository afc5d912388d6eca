using VaeSweep.Core.Data;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Training;

/// <summary>
/// Yields a split's examples as batch tensors, binarised as configured, in the order given. One managed buffer
/// is reused for every batch, so an epoch allocates only the tensors themselves.
/// </summary>
public sealed class BatchSource(DataSplit split, Binarizer binarizer, int batchSize, Device device)
{
    private readonly float[] buffer = new float[batchSize * split.Dim];

    public DataSplit Split => split;

    public int BatchSize => batchSize;

    public int BatchCount => (split.Count + batchSize - 1) / batchSize;

    /// <summary>The batch-th batch of <paramref name="order"/> (a tensor in the current dispose scope).</summary>
    public Tensor Batch(int[] order, int batch, int epoch)
    {
        var start = batch * batchSize;
        var count = Math.Min(batchSize, order.Length - start);
        var indices = order.AsSpan(start, count);
        var span = buffer.AsSpan(0, count * split.Dim);
        binarizer.FillBatch(split, indices, epoch, span);
        return Torch.tensor((ReadOnlySpan<float>)span, [count, split.Dim], device);
    }

    public static int[] Sequential(int n) => Enumerable.Range(0, n).ToArray();
}
