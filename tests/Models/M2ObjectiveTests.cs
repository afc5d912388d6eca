using VaeSweep.Core.Config;
using VaeSweep.Core.Models;
using VaeSweep.Core.SelfTest;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Tests.Models;

/// <summary>M2's bounds (Kingma et al. 2014, eq. 6-9) against independent computations.</summary>
public sealed class M2ObjectiveTests
{
    [Fact]
    public void The_unlabelled_bound_is_the_expected_labelled_bound_plus_the_entropy_computed_two_ways()
    {
        var result = M2Checks.UnlabelledBoundTwoWays(Device.Cpu);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void The_classification_terms_gradient_at_the_classifier_bias_is_alpha_times_q_minus_the_label()
    {
        var result = M2Checks.ClassifierTermGradient(Device.Cpu);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void The_labelled_bound_with_the_analytic_kl_is_recon_minus_kl_minus_log_c_by_hand()
    {
        // One point, one sample: L = log p(x|y,z) - KL(q(z|x,y) || N(0, I)) + log(1/C), each piece from its formula.
        using var scope = new DisposeScope();
        using var noGrad = Torch.no_grad();
        using var model = M2Checks.TinyModel(Device.Cpu);
        using var g = new Generator(5);
        var x = CheckFixtures.BinaryBatch(1, Device.Cpu);
        var y = M2Objective.OneHot([1], M2Checks.Classes, Device.Cpu);
        var eps = Torch.randn([1, 1, model.Latent], g);

        var bound = M2Objective.Labelled(model, x, y, eps, KlEstimator.Analytic).Bound().item();

        var posterior = (DiagonalGaussianPosterior)model.Encoder.forward(Torch.cat([x, y], 1));
        var mu = posterior.Mean.data<float>();
        var logVar = posterior.LogVar.data<float>();
        var e = eps.data<float>();
        var z = Enumerable.Range(0, model.Latent).Select(i => mu[i] + Math.Exp(0.5 * logVar[i]) * e[i]).ToArray();
        var logits = model.Decoder.forward(Torch.tensor(z.Select(v => (float)v).Concat([0f, 1f, 0f]).ToArray(), [1, model.Latent + 3]))
            .data<float>();
        var pixels = x.data<float>();
        var recon = logits.Select((l, j) => pixels[j] * l - Math.Log(1 + Math.Exp(l))).Sum();
        var kl = Enumerable.Range(0, model.Latent).Sum(i => 0.5 * (Math.Exp(logVar[i]) + mu[i] * mu[i] - 1 - logVar[i]));
        var expected = recon - kl - Math.Log(M2Checks.Classes);
        Assert.True(Math.Abs(bound - expected) < 1e-3, $"{bound} vs {expected}");
    }

    [Fact]
    public void The_unlabelled_bound_reaches_log_sum_exp_of_the_labelled_bounds_at_the_best_q_and_not_at_a_uniform_q()
    {
        // U = sum_y q L_y + H <= log sum_y exp(L_y) (Gibbs), with equality at q = softmax(L): on given pieces, in doubles.
        using var scope = new DisposeScope();
        var labelled = Torch.tensor(new double[] { -10, -12, -11 }, [1, 3]);
        var pieces = new M2Objective.Pieces(labelled + Math.Log(3), Torch.zeros([1, 3], ScalarType.Float64), Torch.zeros([1, 3], ScalarType.Float64));
        var optimal = labelled - labelled.logsumexp(-1, keepdim: true);

        var atOptimum = M2Objective.Unlabelled(optimal, pieces, 3).Bound().item();
        var uniform = M2Objective.Unlabelled(Torch.full([1, 3], -Math.Log(3), ScalarType.Float64), pieces, 3).Bound().item();

        var logSumExp = Math.Log(Math.Exp(-10) + Math.Exp(-12) + Math.Exp(-11));
        Assert.Equal(logSumExp, atOptimum, 9);
        Assert.True(uniform < atOptimum - 0.1, $"uniform q: {uniform}, optimal q: {atOptimum}");
    }

    [Fact]
    public void The_ordinary_objective_refuses_m2()
    {
        using var scope = new DisposeScope();
        using var g = new Generator(1);
        using var model = M2Checks.TinyModel(Device.Cpu);

        Assert.Throws<ArgumentException>(() => Objective.Compute(model, CheckFixtures.BinaryBatch(4, Device.Cpu), ObjectiveKind.M2, 1, 1.0, KlEstimator.Analytic, g));
    }
}
