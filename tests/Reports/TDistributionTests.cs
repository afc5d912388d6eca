using VaeSweep.Core.Reports;

namespace VaeSweep.Tests.Reports;

public sealed class TDistributionTests
{
    [Theory]
    [InlineData(1, 12.7062)]
    [InlineData(2, 4.3027)]
    [InlineData(4, 2.7764)]
    [InlineData(30, 2.0423)]
    [InlineData(35, 2.0423)] // between rows: the smaller df, a slightly wider interval
    [InlineData(45, 2.0211)]
    [InlineData(100, 2.0003)]
    [InlineData(500, 1.9799)]
    [InlineData(100000, 1.96)]
    public void Quantile_matches_the_table(int df, double expected) =>
        Assert.Equal(expected, TDistribution.Quantile975(df), 4);

    [Fact]
    public void Quantiles_shrink_towards_the_normal_one()
    {
        var q = Enumerable.Range(1, 2000).Select(TDistribution.Quantile975).ToList();
        Assert.All(q.Zip(q.Skip(1)), p => Assert.True(p.First >= p.Second, $"{p.First} < {p.Second}"));
        Assert.True(q[^1] >= TDistribution.Normal975);
    }

    public static TheoryData<string, double[], double, double?> Intervals => new()
    {
        // sd 1, n 3: 4.3027 / sqrt(3)
        { "three values", [1, 2, 3], 2, 4.3027 / Math.Sqrt(3) },
        // sd sqrt(0.005), n 2: 12.7062 * 0.05
        { "two values", [1.5, 1.6], 1.55, 12.7062 * 0.05 },
        { "identical values", [4, 4, 4, 4], 4, 0 },
        { "one value has no interval", [7], 7, null },
    };

    [Theory]
    [MemberData(nameof(Intervals))]
    public void Interval_is_mean_plus_t_times_standard_error(string name, double[] values, double mean, double? half)
    {
        var interval = TDistribution.Interval(values);
        Assert.True(Math.Abs(interval.Mean - mean) < 1e-12, $"{name}: mean {interval.Mean}");
        Assert.Equal(values.Length, interval.N);
        if (half is null) Assert.Null(interval.HalfWidth);
        else Assert.True(Math.Abs(interval.HalfWidth!.Value - half.Value) < 1e-9, $"{name}: half-width {interval.HalfWidth}");
    }
}
