using MathNet.Numerics.Distributions;

namespace VaeSweep.Core.Reports;

/// <summary>
/// Two-sided 95% intervals from Student's t: a sweep has two to five seeds per configuration, where the normal
/// 1.96 would understate the uncertainty several-fold (t = 12.7 at one degree of freedom).
/// </summary>
public static class TDistribution
{
    /// <summary>The normal 0.975 quantile (1.95996...), the limit as the degrees of freedom grow.</summary>
    public static readonly double Normal975 = Normal.InvCDF(0, 1, 0.975);

    /// <summary>The 0.975 quantile of t with <paramref name="df"/> degrees of freedom.</summary>
    public static double Quantile975(int df)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(df, 1);
        return StudentT.InvCDF(0, 1, df, 0.975);
    }

    /// <summary>Mean and 95% t-interval of the values; a single value has no interval.</summary>
    public static MeanInterval Interval(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("an interval needs at least one value", nameof(values));
        var n = values.Count;
        var mean = values.Average();
        if (n == 1) return new MeanInterval(mean, null, 1);
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        return new MeanInterval(mean, Quantile975(n - 1) * Math.Sqrt(variance / n), n);
    }
}
