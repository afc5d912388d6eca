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
        var bounds = new BoundSums(e);
        var (ks, samplesPerChunk) = (bounds.Ks, bounds.SamplesPerChunk);
        var source = bounds.Batches(config.Data, test, isBinary, device);
        // Common random numbers: every run draws the same standard-normal noise for the same point (TestPoints).
        using var generator = new Generator(TestPoints.NoiseSeed, device);
        using var _ = Torch.no_grad();

        var elbo = new ElboSums(model.Latent);
        var kHats = new List<double>(test.Count);
        var order = BatchSource.Sequential(test.Count);
        for (var b = 0; b < source.BatchCount; b++)
        {
            // Evaluation can take minutes; an interrupt must not wait for it. Nothing of it is kept: it restarts.
            stop.ThrowIfCancellationRequested();
            using var scope = new DisposeScope();
            var x = source.Batch(order, b, 0);
            var posterior = model.Encoder.forward(x);
            var (logW, reconSum) = LogWeights(model, posterior, x, e.K, samplesPerChunk, generator);   // (points, K)
            for (var i = 0; i < ks.Length; i++)
                bounds.Add(i, (logW.narrow(1, 0, ks[i]).logsumexp(1) - Math.Log(ks[i])).to(ScalarType.Float64).data<double>());
            kHats.AddRange(KHats(logW, e.K));
            elbo.Add(reconSum / e.K, posterior);
            progress?.Invoke((b + 1.0) / source.BatchCount);
        }
        var n = test.Count;
        var records = bounds.Records(n);
        var full = records[^1];
        var (elboMean, recon, kl, activeUnits) = elbo.Means(n);
        var record = new EvaluationRecord(e.K, full.Value, full.Se, elboMean, recon, kl, activeUnits, clock.Elapsed.TotalSeconds, n,
            ParetoKHat.Summarise(kHats));
        return new EvaluationResult(record, records, new EvaluationPoints(TestPoints.Identity(config.Data, n, isBinary), bounds.PerPoint));
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

    /// <summary>
    /// The k-hat of each point (row) of <paramref name="logW"/> (points x k). The fit reads only the M + 1 largest
    /// log-weights of a point (ParetoKHat.TailLength), so a top-k on the device brings (M + 1)/k of them, under 5%
    /// at k = 5000, to the CPU. NaN for every point where k is too small for a tail.
    /// </summary>
    private static double[] KHats(Tensor logW, int k)
    {
        var points = (int)logW.size(0);
        var m = ParetoKHat.TailLength(k);
        if (m < 5) return Enumerable.Repeat(double.NaN, points).ToArray();
        var largest = logW.topk(m + 1, 1).to(ScalarType.Float64).data<double>();
        return Enumerable.Range(0, points)
            .Select(p => ParetoKHat.FromLargest(largest.AsSpan(p * (m + 1), m + 1), k)).ToArray();
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
