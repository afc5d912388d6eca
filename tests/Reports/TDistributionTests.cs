using VaeSweep.Core.Reports;

namespace VaeSweep.Tests.Reports;

public sealed class TDistributionTests
{
    // qt(0.975, df) from R, four decimals.
    [Theory]
    [InlineData(1, 12.7062)]
    [InlineData(2, 4.3027)]
    [InlineData(4, 2.7764)]
    [InlineData(30, 2.0423)]
    [InlineData(35, 2.0301)]
    [InlineData(45, 2.0141)]
    [InlineData(100, 1.9840)]
    [InlineData(500, 1.9647)]
    [InlineData(100000, 1.9600)]
    public void Quantile_matches_published_values(int df, double expected) =>
        Assert.Equal(expected, TDistribution.Quantile975(df), 4);

    // Closed forms of P(|T| < q) for small integer df: the quantile must put 95% of the mass inside (-q, q).
    public static TheoryData<int, Func<double, double>> CentralMass => new()
    {
        { 1, q => 2 / Math.PI * Math.Atan(q) },
        { 2, q => q / Math.Sqrt(2 + q * q) },
        { 3, q => 2 / Math.PI * (Math.Atan(q / Math.Sqrt(3)) + q / Math.Sqrt(3) / (1 + q * q / 3)) },
    };

    [Theory]
    [MemberData(nameof(CentralMass))]
    public void Quantile_leaves_two_and_a_half_percent_in_each_tail(int df, Func<double, double> centralMass) =>
        Assert.Equal(0.95, centralMass(TDistribution.Quantile975(df)), 10);

    [Fact]
    public void Quantiles_shrink_towards_the_normal_one()
    {
        var q = Enumerable.Range(1, 2000).Select(TDistribution.Quantile975).ToList();
        Assert.All(q.Zip(q.Skip(1)), p => Assert.True(p.First > p.Second, $"{p.First} <= {p.Second}"));
        Assert.True(q[^1] > TDistribution.Normal975);
        Assert.Equal(1.959963984540054, TDistribution.Normal975, 12);
    }

    public static TheoryData<string, double[], double, double?> Intervals => new()
    {
        // sd 1, n 3: qt(0.975, 2) / sqrt(3)
        { "three values", [1, 2, 3], 2, 4.302652729749464 / Math.Sqrt(3) },
        // sd sqrt(0.005), n 2: qt(0.975, 1) * 0.05
        { "two values", [1.5, 1.6], 1.55, 12.706204736174698 * 0.05 },
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
