using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Models;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;

namespace VaeSweep.Core.Evaluation;

/// <summary>
/// What one run's test evaluation gathers batch by batch: each bound's sums and per-point values
/// (<see cref="BoundSums"/>), the ELBO's terms and posterior means (<see cref="ElboSums"/>) and each point's Pareto
/// k-hat. The lone <see cref="Evaluator"/> and the <see cref="PackedEvaluator"/> both feed one per run, so a run's
/// records are built by the same code whichever of them computed its log-weights.
/// </summary>
internal sealed class EvaluationSums(RunConfig config, int latent)
{
    private readonly BoundSums bounds = new(config.Evaluation);
    private readonly ElboSums elbo = new(latent);
    private readonly List<double> kHats = [];

    public int SamplesPerChunk => bounds.SamplesPerChunk;

    /// <summary>The run's test points in batches, on the bits every run on its data is measured on.</summary>
    public BatchSource Batches(DataSplit test, bool isBinary, Device device) =>
        bounds.Batches(config.Data, test, isBinary, device);

    /// <summary>Adds one batch: its (points, k) log-weights, the sum of log p(x|z) over all its draws, and its
    /// posterior (for the analytic KL and the posterior means).</summary>
    public void Add(Tensor logW, double reconSum, Posterior posterior)
    {
        var ks = bounds.Ks;
        for (var i = 0; i < ks.Length; i++)
            bounds.Add(i, (logW.narrow(1, 0, ks[i]).logsumexp(1) - Math.Log(ks[i])).to(ScalarType.Float64).data<double>());
        kHats.AddRange(KHats(logW, config.Evaluation.K));
        elbo.Add(reconSum / config.Evaluation.K, posterior);
    }

    /// <summary>The run's evaluation over the <paramref name="n"/> test points.</summary>
    public EvaluationResult Result(int n, bool isBinary, double seconds)
    {
        var records = bounds.Records(n);
        var full = records[^1];
        var (elboMean, recon, kl, activeUnits) = elbo.Means(n);
        var record = new EvaluationRecord(config.Evaluation.K, full.Value, full.Se, elboMean, recon, kl, activeUnits, seconds, n,
            ParetoKHat.Summarise(kHats));
        return new EvaluationResult(record, records, new EvaluationPoints(TestPoints.Identity(config.Data, n, isBinary), bounds.PerPoint));
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
}
