using System.Diagnostics;
using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;

namespace VaeSweep.Core.Evaluation;

/// <summary>
/// <see cref="Evaluator"/> for the runs of a pack at once: each batch of test points is encoded and decoded for every
/// run by the pack's batched products (<see cref="PackedVae"/>), chunk by chunk as evaluation.chunk_size says. What
/// each run gets is what its lone evaluation gets: its own test bits (its data settings), the same common noise (one
/// draw from the evaluation's fixed generator serves every run, as every lone run draws the same: standard normal for
/// a Gaussian posterior, Gumbel for exact one-hot categorical draws), its own evaluation.ks, and its records built by
/// the same <see cref="EvaluationSums"/>. On the CPU a run's values are the
/// same bits whatever runs share its pack (tested); against the lone engine they agree to rounding, since batched and
/// plain products round differently. Memory per pass is the runs times a lone run's chunk.
/// </summary>
public static class PackedEvaluator
{
    /// <summary>Whether two runs' evaluations can share a pass: the same k and chunk size give the same batches of
    /// points and the same chunks of samples, so the shared noise lines up.</summary>
    public static bool CanShare(EvaluationConfig a, EvaluationConfig b) => a.K == b.K && a.ChunkSize == b.ChunkSize;

    /// <summary>One result per run of <paramref name="model"/>, run r evaluated as <paramref name="configs"/>[r] says.
    /// Each run's seconds are its share of the pass (the pass's time over the runs). A stop request ends it with
    /// OperationCanceledException.</summary>
    public static IReadOnlyList<EvaluationResult> Evaluate(PackedVae model, IReadOnlyList<RunConfig> configs, DataSplit test,
        bool isBinary, Device device, Action<double>? progress = null, CancellationToken stop = default)
    {
        var n = model.Runs;
        if (model.IsM2) throw new NotSupportedException("M2 runs are evaluated one by one (M2Evaluator)");
        if (configs.Count != n) throw new ArgumentException($"a pack of {n} runs needs {n} configs", nameof(configs));
        if (configs.FirstOrDefault(c => !CanShare(configs[0].Evaluation, c.Evaluation)) is { } other)
            throw new ArgumentException($"evaluation k {other.Evaluation.K} and chunk size {other.Evaluation.ChunkSize} " +
                $"cannot share a pass with k {configs[0].Evaluation.K} and chunk size {configs[0].Evaluation.ChunkSize}");
        var clock = Stopwatch.StartNew();
        var k = configs[0].Evaluation.K;
        var sums = configs.Select(c => new EvaluationSums(c, model.Latent)).ToList();
        var sources = sums.Select(s => s.Batches(test, isBinary, device)).ToList();
        using var generator = new Generator(TestPoints.NoiseSeed, device);
        using var _ = Torch.no_grad();

        var order = BatchSource.Sequential(test.Count);
        var batches = sources[0].BatchCount;
        for (var b = 0; b < batches; b++)
        {
            stop.ThrowIfCancellationRequested();
            using var scope = new DisposeScope();
            var x = Torch.stack(sources.Select(s => s.Batch(order, b, 0)).ToList());     // (n, points, inputs)
            var points = x.size(1);
            var posterior = model.Encoder.forward(x);                                     // (n * points, ...)
            var (logW, reconSums) = LogWeights(model, posterior, x, k, sums[0].SamplesPerChunk, generator);
            for (var r = 0; r < n; r++)
                sums[r].Add(logW.select(0, r), reconSums[r], posterior.Rows(r * points, points));
            progress?.Invoke((b + 1.0) / batches);
        }
        var seconds = clock.Elapsed.TotalSeconds / n;
        return sums.Select(s => s.Result(test.Count, isBinary, seconds)).ToList();
    }

    /// <summary>The (n, points, k) log-weights of a batch, drawn <paramref name="samplesPerChunk"/> at a time, and
    /// each run's sum of log p(x|z) over every draw, summed per chunk as the lone evaluator sums it.</summary>
    private static (Tensor LogW, double[] ReconSums) LogWeights(PackedVae model, Posterior posterior, Tensor x,
        int k, int samplesPerChunk, Generator generator)
    {
        var n = model.Runs;
        var points = x.size(1);
        var chunks = new List<Tensor>();
        var reconSums = new double[n];
        for (var drawn = 0; drawn < k; drawn += samplesPerChunk)
        {
            var s = Math.Min(samplesPerChunk, k - drawn);
            // The draw a lone run makes here, shared: the expanded view costs no copy until the fold below.
            var shared = posterior.Noise(points, s, generator);
            var shape = shared.shape;
            var noise = shared.unsqueeze(0).expand([n, .. shape]).reshape([n * points, .. shape[1..]]);
            var terms = model.LogWeightTerms(posterior, x, noise);
            chunks.Add(terms.LogWeights());
            // One transfer for all runs, each run's sum taken over its own (points, s) block as a lone run's is.
            var sums = Torch.stack(Enumerable.Range(0, n).Select(r => terms.LogPxz.select(0, r).sum()).ToList()).data<float>();
            for (var r = 0; r < n; r++) reconSums[r] += sums[r];
        }
        return (chunks.Count == 1 ? chunks[0] : Torch.cat(chunks, 2), reconSums);
    }
}
