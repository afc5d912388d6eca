using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;

namespace VaeSweep.Core.Evaluation;

/// <summary>
/// The importance-weighted bound with k samples (Burda et al. 2016, eq. 8), averaged over the validation split:
/// what successive halving ranks runs by at a rung. Every run is measured on the same validation bits and the same
/// standard-normal draws (the test points' seeds, <see cref="TestPoints"/>), so two runs' values differ only through
/// their models, and a run resumed from its rung checkpoint measures the same value again.
/// </summary>
public static class ValidationBound
{
    public static double Measure(Vae model, RunConfig config, DataBundle data, int k, Device device,
        CancellationToken stop = default)
    {
        var split = data.Validation;
        if (split.Count == 0) throw new ArgumentException("successive halving needs a validation split", nameof(data));
        var samplesPerChunk = Math.Min(k, config.Evaluation.ChunkSize);
        var source = new BatchSource(split, TestPoints.Binarizer(config.Data, data.IsBinary),
            Math.Max(1, config.Evaluation.ChunkSize / samplesPerChunk), device);
        using var generator = new Generator(TestPoints.NoiseSeed, device);
        using var _ = Torch.no_grad();
        var order = BatchSource.Sequential(split.Count);
        var sum = 0.0;
        for (var b = 0; b < source.BatchCount; b++)
        {
            stop.ThrowIfCancellationRequested();
            using var scope = new DisposeScope();
            var x = source.Batch(order, b, 0);
            var (logW, _) = Evaluator.LogWeights(model, model.Encoder.forward(x), x, k, samplesPerChunk, generator);
            sum += (logW.logsumexp(1) - Math.Log(k)).to(ScalarType.Float64).sum().item();
        }
        return sum / split.Count;
    }
}
