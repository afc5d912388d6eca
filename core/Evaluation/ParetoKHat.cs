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

    /// <summary>k-hat of the weights exp(<paramref name="logWeights"/>); the tail is the largest
    /// M = min(S/5, 3 sqrt S) of S weights. NaN when there are too few weights for a tail of five.</summary>
    public static double Estimate(ReadOnlySpan<double> logWeights)
    {
        var s = logWeights.Length;
        var m = (int)Math.Min(s / 5.0, 3 * Math.Sqrt(s));
        if (m < 5) return double.NaN;
        var sorted = logWeights.ToArray();
        Array.Sort(sorted);
        // Weights relative to the largest, so exp never overflows; the threshold is the largest weight outside the tail.
        var max = sorted[^1];
        var threshold = Math.Exp(sorted[s - m - 1] - max);
        var exceedances = new double[m];
        for (var i = 0; i < m; i++) exceedances[i] = Math.Exp(sorted[s - m + i] - max) - threshold;
        return FitShape(exceedances);
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
