using System.Diagnostics;
using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Models;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;

namespace VaeSweep.Core.Evaluation;

/// <summary>
/// The importance-sampled estimate of log p(x) on the test set (Burda et al. 2016, eq. 8):
/// L_K(x) = log (1/K) sum_i p(x, z_i) / q(z_i|x), z_i ~ q(z|x), with K = evaluation.k (5000 by default). It is a
/// lower bound that tightens as K grows; the bound for each smaller k in evaluation.ks comes from the first k of the
/// same samples. Samples are drawn in chunks so that at most evaluation.chunk_size log-weights (test points x
/// samples) pass through the decoder at once, which bounds memory whatever K is. The standard error is that of
/// the mean over test points. Each point's K log-weights also give its Pareto k-hat (PSIS, Vehtari et al.), the
/// diagnostic of whether its estimate can be trusted; only the largest few weights per point leave the device for
/// it. A stop request ends it with OperationCanceledException; the caller gives the run back.
/// </summary>
public static class Evaluator
{
    public static EvaluationResult Evaluate(Vae model, RunConfig config, DataSplit test, bool isBinary, Device device,
        Action<double>? progress = null, CancellationToken stop = default)
    {
        if (model.IsM2) return M2Evaluator.Evaluate(model, config, test, isBinary, device, progress, stop);
        var clock = Stopwatch.StartNew();
        var e = config.Evaluation;
        var sums = new EvaluationSums(config, model.Latent);
        var source = sums.Batches(test, isBinary, device);
        // Common random numbers: every run draws the same standard-normal noise for the same point (TestPoints).
        using var generator = new Generator(TestPoints.NoiseSeed, device);
        using var _ = Torch.no_grad();

        var order = BatchSource.Sequential(test.Count);
        for (var b = 0; b < source.BatchCount; b++)
        {
            // Evaluation can take minutes; an interrupt must not wait for it. Nothing of it is kept: it restarts.
            stop.ThrowIfCancellationRequested();
            using var scope = new DisposeScope();
            var x = source.Batch(order, b, 0);
            var posterior = model.Encoder.forward(x);
            var (logW, reconSum) = LogWeights(model, posterior, x, e.K, sums.SamplesPerChunk, generator);   // (points, K)
            sums.Add(logW, reconSum, posterior);
            progress?.Invoke((b + 1.0) / source.BatchCount);
        }
        return sums.Result(test.Count, isBinary, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The (points, k) log-weights of a batch, drawn <paramref name="samplesPerChunk"/> at a time so that
    /// memory stays bounded whatever k is, and the sum of log p(x|z) over every draw.</summary>
    internal static (Tensor LogW, double ReconSum) LogWeights(Vae model, Posterior posterior, Tensor x, int k,
        int samplesPerChunk, Generator generator)
    {
        var chunks = new List<Tensor>();
        var reconSum = 0.0;
        for (var drawn = 0; drawn < k; drawn += samplesPerChunk)
        {
            var terms = model.LogWeightTerms(posterior, x, Math.Min(samplesPerChunk, k - drawn), generator);
            chunks.Add(terms.LogWeights());
            reconSum += terms.LogPxz.sum().item();
        }
        return (chunks.Count == 1 ? chunks[0] : Torch.cat(chunks, 1), reconSum);
    }

    /// <summary>Standard error of a mean from the sum and the sum of squares of n values (sample variance, n - 1).</summary>
    public static double StandardError(double sum, double sumOfSquares, int n)
    {
        if (n < 2) return double.NaN;
        var mean = sum / n;
        var variance = Math.Max(0, (sumOfSquares - n * mean * mean) / (n - 1));
        return Math.Sqrt(variance / n);
    }
}
