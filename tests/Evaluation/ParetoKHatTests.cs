using VaeSweep.Core.Evaluation;

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
