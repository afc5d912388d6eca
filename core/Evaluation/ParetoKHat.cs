using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Evaluation;

/// <summary>
/// The Pareto k-hat diagnostic of importance weights (PSIS, Vehtari et al. 2015/2024): the shape of a generalized
/// Pareto distribution fitted to the largest weights. Above 0.7 the weights' tail is so heavy that the
/// importance-sampled estimate is unreliable whatever the number of samples.
/// </summary>
public static class ParetoKHat
{
    /// <summary>The threshold above which an estimate is called unreliable (Vehtari et al.).</summary>
    public const double Unreliable = 0.7;

    /// <summary>Length M = min(S/5, 3 sqrt S) of the tail fitted among <paramref name="sampleCount"/> weights.</summary>
    public static int TailLength(int sampleCount) => (int)Math.Min(sampleCount / 5.0, 3 * Math.Sqrt(sampleCount));

    /// <summary>k-hat of the weights exp(<paramref name="logWeights"/>); the tail is the largest
    /// <see cref="TailLength"/> of them. NaN when there are too few weights for a tail of five.</summary>
    public static double Estimate(ReadOnlySpan<double> logWeights)
    {
        var m = TailLength(logWeights.Length);
        if (m < 5) return double.NaN;
        var sorted = logWeights.ToArray();
        Array.Sort(sorted);
        return FromLargest(sorted.AsSpan(sorted.Length - m - 1), logWeights.Length);
    }

    /// <summary>
    /// k-hat from only the M + 1 largest of <paramref name="sampleCount"/> log-weights (M = <see cref="TailLength"/>),
    /// in any order: all the fit reads, so a caller can select them where the weights live (a top-k on the
    /// device) rather than bring every weight to the CPU. NaN when M is below five.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="largest"/> does not hold M + 1 values.</exception>
    public static double FromLargest(ReadOnlySpan<double> largest, int sampleCount)
    {
        var m = TailLength(sampleCount);
        if (m < 5) return double.NaN;
        if (largest.Length != m + 1)
            throw new ArgumentException($"k-hat of {sampleCount} weights needs the {m + 1} largest, got {largest.Length}", nameof(largest));
        var sorted = largest.ToArray();
        Array.Sort(sorted);
        // Weights relative to the largest, so exp never overflows; the threshold is the largest weight outside the tail.
        var max = sorted[^1];
        var threshold = Math.Exp(sorted[0] - max);
        var exceedances = new double[m];
        for (var i = 0; i < m; i++) exceedances[i] = Math.Exp(sorted[i + 1] - max) - threshold;
        return FitShape(exceedances);
    }

    /// <summary>The share of points above <see cref="Unreliable"/> and the median, over the finite k-hats; null
    /// when there is none (too few samples per point).</summary>
    public static KHatSummary? Summarise(IEnumerable<double> kHats)
    {
        var finite = kHats.Where(double.IsFinite).Order().ToArray();
        if (finite.Length == 0) return null;
        var n = finite.Length;
        var median = n % 2 == 1 ? finite[n / 2] : (finite[n / 2 - 1] + finite[n / 2]) / 2;
        return new KHatSummary(finite.Count(k => k > Unreliable) / (double)n, median);
    }

    /// <summary>
    /// Zhang and Stephens' (2009) empirical-Bayes estimate of the generalized Pareto shape from exceedances sorted
    /// in increasing order, with PSIS's weak prior towards 0.5 (ten pseudo-observations).
    /// </summary>
    public static double FitShape(IReadOnlyList<double> x)
    {
        var n = x.Count;
        const double prior = 3;
        var grid = 30 + (int)Math.Sqrt(n);
        var quartile = x[Math.Max(0, (int)Math.Floor(n / 4.0 + 0.5) - 1)];
        var theta = new double[grid];
        var profile = new double[grid];
        for (var j = 0; j < grid; j++)
        {
            theta[j] = 1 / x[n - 1] + (1 - Math.Sqrt(grid / (j + 0.5))) / (prior * quartile);
            var k = MeanLog1p(x, theta[j]);
            profile[j] = n * (Math.Log(-theta[j] / k) - k - 1);
        }
        // Posterior weights of the grid points, normalised in log space.
        var top = profile.Max();
        var weights = profile.Select(l => Math.Exp(l - top)).ToArray();
        var total = weights.Sum();
        var thetaHat = theta.Zip(weights, (t, w) => t * w).Sum() / total;
        var shape = MeanLog1p(x, thetaHat);
        return (n * shape + 10 * 0.5) / (n + 10);
    }

    private static double MeanLog1p(IReadOnlyList<double> x, double theta)
    {
        var sum = 0.0;
        foreach (var v in x) sum += Math.Log(1 - theta * v);
        return sum / x.Count;
    }
}
