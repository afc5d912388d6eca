using VaeSweep.Core.Evaluation;
using VaeSweep.Core.Runs;

namespace VaeSweep.Tests.Evaluation;

/// <summary>k-hat recovers the tail index of synthetic Pareto weights.</summary>
public sealed class ParetoKHatTests
{
    [Theory]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Pareto_weights_of_shape_xi_give_k_hat_near_xi(double xi)
    {
        // Pareto(xi): w = u^(-xi), whose tail is generalized Pareto with shape xi. Mean k-hat over 40 sets of 5000.
        var random = new Random(17);
        var estimates = Enumerable.Range(0, 40).Select(_ =>
        {
            var logWeights = Enumerable.Range(0, 5000).Select(_ => -xi * Math.Log(1 - random.NextDouble())).ToArray();
            return ParetoKHat.Estimate(logWeights);
        }).ToList();

        // PSIS's weak prior pulls k-hat towards 0.5 by ten pseudo-observations against the M = 212 tail weights.
        var expected = (212 * xi + 10 * 0.5) / (212 + 10);
        Assert.InRange(estimates.Average(), expected - 0.05, expected + 0.05);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.6)]
    [InlineData(0.8)]
    [InlineData(1.2)]
    public void The_shape_fit_recovers_the_shape_of_generalized_Pareto_samples(double k)
    {
        // Exceedances drawn from GPD(k, sigma = 2) by inverting its CDF: x = sigma ((1 - u)^-k - 1) / k. Mean
        // estimate over 40 sets of 212, the tail length at S = 5000, against the prior-shrunk truth.
        var random = new Random(29);
        var estimates = Enumerable.Range(0, 40).Select(_ =>
        {
            var x = Enumerable.Range(0, 212).Select(_ => 2 * (Math.Pow(1 - random.NextDouble(), -k) - 1) / k).Order().ToList();
            return ParetoKHat.FitShape(x);
        }).ToList();

        Assert.InRange(estimates.Average(), (212 * k + 5) / 222 - 0.05, (212 * k + 5) / 222 + 0.05);
    }

    [Fact]
    public void The_largest_M_plus_one_log_weights_in_any_order_give_the_same_k_hat_as_all_of_them()
    {
        var random = new Random(5);
        var logWeights = Enumerable.Range(0, 5000).Select(_ => -0.6 * Math.Log(1 - random.NextDouble())).ToArray();
        var m = ParetoKHat.TailLength(logWeights.Length);
        var largest = logWeights.OrderDescending().Take(m + 1).Reverse().ToArray();
        random.Shuffle(largest);

        Assert.Equal(212, m);
        Assert.Equal(ParetoKHat.Estimate(logWeights), ParetoKHat.FromLargest(largest, logWeights.Length));
        Assert.Throws<ArgumentException>(() => ParetoKHat.FromLargest(largest.AsSpan(1), logWeights.Length));
    }

    [Fact]
    public void The_summary_is_the_share_above_0_7_and_the_median_of_the_finite_k_hats()
    {
        var summary = ParetoKHat.Summarise([0.2, 0.75, double.NaN, 0.5, 0.9]);

        Assert.Equal(new KHatSummary(0.5, (0.5 + 0.75) / 2), summary);
        Assert.Null(ParetoKHat.Summarise([double.NaN]));
    }

    [Fact]
    public void Light_tailed_weights_are_reliable_and_too_few_weights_give_nan()
    {
        var random = new Random(3);
        // Log-weights normal with sd 0.5: a log-normal tail, shape near 0.
        var logWeights = Enumerable.Range(0, 5000).Select(_ =>
            0.5 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())).ToArray();

        Assert.True(ParetoKHat.Estimate(logWeights) < ParetoKHat.Unreliable);
        Assert.True(double.IsNaN(ParetoKHat.Estimate([1.0, 2.0, 3.0])));
    }
}
