namespace VaeSweep.Core.Reports;

/// <summary>
/// Two-sided 95% intervals from Student's t: a sweep has two to five seeds per configuration, where the normal
/// 1.96 would understate the uncertainty several-fold (t = 12.7 at one degree of freedom).
/// </summary>
public static class TDistribution
{
    // 0.975 quantiles for 1..30 degrees of freedom, then 40, 60, 120 (standard tables, four decimals).
    private static readonly double[] Small =
    [
        12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
        2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
        2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
    ];

    /// <summary>The normal quantile, the limit as the degrees of freedom grow.</summary>
    public const double Normal975 = 1.9600;

    /// <summary>The 0.975 quantile of t with <paramref name="df"/> degrees of freedom.</summary>
    /// <remarks>Between tabulated values the smaller df is used, which widens the interval slightly: safe.</remarks>
    public static double Quantile975(int df)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(df, 1);
        if (df <= Small.Length) return Small[df - 1];
        if (df < 40) return Small[^1];
        if (df < 60) return 2.0211;
        if (df < 120) return 2.0003;
        return df < 1000 ? 1.9799 : Normal975;
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
