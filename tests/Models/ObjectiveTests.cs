using VaeSweep.Core.Config;
using VaeSweep.Core.Models;
using VaeSweep.Core.SelfTest;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Tests.Models;

/// <summary>The VAE and IWAE objectives (seeds 000 and 001) against identities and expectations.</summary>
public sealed class ObjectiveTests
{
    [Fact]
    public void Iwae_bound_with_one_sample_equals_the_elbo_in_expectation()
    {
        var result = ObjectiveChecks.IwaeWithOneSampleIsTheElbo(Device.Cpu, draws: 600);

        Assert.True(result.Passed, result.ToString());
        Assert.True(result["se"] > 0, "the gap must be random, else the check measured nothing");
        Assert.True(result["loss_plus_bound"] < 1e-3, result.ToString());
    }

    [Theory]
    [InlineData(2, 1.0)]
    [InlineData(5, 1.0)]
    [InlineData(5, 0.5)]
    [InlineData(20, 2.0)]
    public void Iwae_surrogate_gradient_equals_the_gradient_of_log_mean_weight(int k, double beta)
    {
        var result = ObjectiveChecks.IwaeGradientMatchesLogMeanWeight(Device.Cpu, k, beta);

        Assert.True(result.Passed, result.ToString());
        Assert.True(result["undetached_relative_diff"] > 1e-2, $"the control must differ: {result}");
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(5, 0.5)]
    [InlineData(10, 1.0)]
    public void Vae_with_monte_carlo_kl_is_the_iwae_with_uniform_weights(int k, double beta)
    {
        var result = ObjectiveChecks.VaeIsIwaeWithUniformWeights(Device.Cpu, k, beta);

        Assert.True(result.Passed, result.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void Folding_k_samples_into_the_batch_matches_decoding_them_one_by_one(int k)
    {
        var result = ObjectiveChecks.FoldedSamplesMatchALoop(Device.Cpu, k);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Bound_grows_with_k_even_for_an_untrained_model()
    {
        var result = ObjectiveChecks.BoundGrowsWithKUntrained(Device.Cpu);

        Assert.True(result.Passed, result.ToString());
        Assert.True(result["l50"] - result["l1"] > 3 * result["se50"] / Math.Sqrt(200), result.ToString());
    }

    [Fact]
    public void Normalised_weights_are_a_softmax_even_for_huge_log_weights()
    {
        using var scope = new DisposeScope();
        var logW = Torch.tensor([-1000.0, -1001.0, -1000.0 - Math.Log(2), 5.0, 5.0, 5.0], [2, 3]);
        var w = Objective.NormalisedWeights(logW).data<double>();
        var e1 = Math.Exp(-1.0);
        var z = 1 + e1 + 0.5;
        double[] expected = [1 / z, e1 / z, 0.5 / z, 1 / 3.0, 1 / 3.0, 1 / 3.0];
        for (var i = 0; i < 6; i++) Assert.Equal(expected[i], w[i], 12);
    }

    [Theory]
    [InlineData(ObjectiveKind.Vae, KlEstimator.Analytic)]
    [InlineData(ObjectiveKind.Vae, KlEstimator.MonteCarlo)]
    [InlineData(ObjectiveKind.Iwae, KlEstimator.Analytic)]
    public void Reported_bound_is_the_k_sample_iwae_bound_whatever_the_objective(ObjectiveKind kind, KlEstimator kl)
    {
        using var model = CheckFixtures.TinyModel(Device.Cpu);
        using var scope = new DisposeScope();
        using var g = new Generator(5);
        var x = CheckFixtures.BinaryBatch(8, Device.Cpu);
        var state = g.get_state();
        var bound = Objective.Compute(model, x, kind, 6, 0.5, kl, g).Bound.item();
        g.set_state(state);
        var logW = model.LogWeightTerms(x, 6, g).LogWeights();
        var expected = (logW.logsumexp(-1) - Math.Log(6)).mean().item();
        Assert.Equal(expected, bound, 4);
    }
}
