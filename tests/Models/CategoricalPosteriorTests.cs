using VaeSweep.Core.Config;
using VaeSweep.Core.Models;
using VaeSweep.Core.SelfTest;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;
using VaeSweep.Tests.Tensors;

namespace VaeSweep.Tests.Models;

/// <summary>The categorical posterior: Gumbel-max and Gumbel-softmax samples, log q, the uniform prior and the KL
/// (the selftest's checks, with their controls), the temperature schedule and the active-variable count.</summary>
public sealed class CategoricalPosteriorTests
{
    [Fact]
    public void Gumbel_softmax_near_zero_temperature_is_one_hot_with_the_softmax_frequencies()
    {
        var result = CategoricalChecks.GumbelSoftmaxLimit(Device.Cpu);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void At_a_high_temperature_the_relaxed_sample_is_far_from_one_hot()
    {
        // The control for the limit: one-hot draws come from the temperature, not from the sampler.
        using var scope = new DisposeScope();
        using var g = new Generator(17);
        var y = CategoricalChecks.Posterior(Device.Cpu).Relaxed(1000, 5.0, g).data<double>();

        Assert.True(y.Max() < 0.99, $"largest entry {y.Max()}");
    }

    [Fact]
    public void Exact_samples_are_one_hot_with_the_softmax_frequencies_their_log_q_and_the_relaxed_limit()
    {
        var result = CategoricalChecks.ExactSamples(Device.Cpu);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Kl_to_the_uniform_prior_matches_a_hand_computation()
    {
        var result = CategoricalChecks.KlMatchesHandComputation(Device.Cpu);

        Assert.True(result.Passed, result.ToString());
        Assert.True(result["hand"] > 0.1, "the fixed logits are far enough from uniform for the check to mean something");
    }

    [Fact]
    public void The_prior_has_log_density_minus_l_log_c_at_each_of_its_samples()
    {
        using var scope = new DisposeScope();
        using var g = new Generator(1);
        var prior = CategoricalPosterior.Uniform(3, 2, 4, Device.Cpu);
        var (z, logQ) = prior.Sample(7, g);
        var expected = Enumerable.Repeat(-2 * Math.Log(4), 21).ToArray();

        Assert.Equal([3L, 7L], prior.LogPrior(z).shape);
        TensorAssert.Close(expected, prior.LogPrior(z));
        TensorAssert.Close(expected, logQ);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(2, 0.7071067811865476)]     // halfway: the geometric mean of 1 and 0.5
    [InlineData(4, 0.5)]
    [InlineData(9, 0.5)]
    public void Temperature_decays_geometrically_to_its_end_and_stays(int epoch, double expected) =>
        Assert.Equal(expected, Schedules.TemperatureAt(
            new ObjectiveConfig { Temperature = 1.0, TemperatureEnd = 0.5, TemperatureEpochs = 4 }, epoch), 12);

    [Fact]
    public void Without_annealing_the_temperature_is_constant() =>
        Assert.Equal(0.3, Schedules.TemperatureAt(new ObjectiveConfig { Temperature = 0.3 }, 7));

    [Fact]
    public void A_categorical_variable_is_active_when_any_of_its_probabilities_varies()
    {
        // Two variables of two categories over two points: the first moves (0.9/0.1 to 0.1/0.9), the second not.
        float[][] means = [[0.9f, 0.1f, 0.5f, 0.5f], [0.1f, 0.9f, 0.5f, 0.5f]];

        Assert.Equal(1, PosteriorStatistics.ActiveUnits(means, latent: 2, n: 2, units: 4));
        Assert.Equal(2, PosteriorStatistics.ActiveUnits(means, latent: 4, n: 2));   // read as four Gaussian units
    }
}
