using VaeSweep.Core.Config;
using VaeSweep.Core.Models;
using VaeSweep.Core.SelfTest;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Tests.Models;

/// <summary>q(z|x) in float64: closed-form KL, sampled log q and the full/diagonal agreement.</summary>
public sealed class PosteriorTests
{
    [Theory]
    [InlineData(PosteriorKind.Diagonal)]
    [InlineData(PosteriorKind.Full)]
    public void Analytic_kl_matches_a_large_sample_monte_carlo_estimate(PosteriorKind kind)
    {
        var result = PosteriorChecks.KlMatchesMonteCarlo(kind, Device.Cpu, samples: 200_000);

        Assert.True(result.Passed, result.ToString());
        Assert.True(result["se"] < 0.01, $"the estimate is too noisy to mean anything: {result}");
        Assert.True(result["analytic"] > 0.05, $"a KL near 0 would not test much: {result}");
    }

    [Fact]
    public void Kl_check_fails_for_a_wrong_kl()
    {
        // The oracle can fail: a KL missing its log-determinant term is many standard errors away.
        using var scope = new DisposeScope();
        var q = (DiagonalGaussianPosterior)PosteriorChecks.Random(PosteriorKind.Diagonal, 4, 3, 7, Device.Cpu);
        using var g = new Generator(1);
        var (z, logQ) = q.Sample(100_000, g);
        var mc = (logQ - GaussianPosterior.PriorLogDensity(z)).mean(1);
        var wrong = (q.LogVar.exp() + q.Mean.square() - 1.0).sum(-1) * 0.5;
        Assert.True(PosteriorChecks.MaxAbs(wrong - mc) > 0.1);
        Assert.True(PosteriorChecks.MaxAbs(q.AnalyticKl() - mc) < 0.02);
    }

    [Fact]
    public void Full_covariance_with_a_diagonal_factor_equals_the_diagonal_posterior()
    {
        var result = PosteriorChecks.FullEqualsDiagonalWhenFactorIsDiagonal(Device.Cpu);

        Assert.True(result.Passed, result.ToString());
    }

    [Theory]
    [InlineData(PosteriorKind.Diagonal)]
    [InlineData(PosteriorKind.Full)]
    public void Sampled_log_q_matches_the_gaussian_density_at_z(PosteriorKind kind)
    {
        var result = PosteriorChecks.LogQMatchesDensity(kind, Device.Cpu);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Full_covariance_samples_have_covariance_l_l_transpose()
    {
        using var scope = new DisposeScope();
        var q = (FullCovarianceGaussianPosterior)PosteriorChecks.Random(PosteriorKind.Full, 1, 3, 9, Device.Cpu);
        using var g = new Generator(2);
        const int n = 200_000;
        var (z, _) = q.Sample(n, g);
        var centred = (z - z.mean(1, keepdim: true)).reshape(n, 3);
        var empirical = centred.t().matmul(centred) / (n - 1.0);
        var l = q.Cholesky.reshape(3, 3);
        var sigma = l.matmul(l.t());
        // Var of a sample covariance entry is (S_ii S_jj + S_ij^2) / n for Gaussian data.
        var diagonal = sigma.diagonal();
        var se = ((diagonal.unsqueeze(1) * diagonal.unsqueeze(0) + sigma.square()) / n).sqrt();
        var worst = PosteriorChecks.MaxAbs((empirical - sigma) / se);
        Assert.True(worst < 4.5, $"worst |cov - L L^T| = {worst:F2} SE");
        Assert.True(PosteriorChecks.MaxAbs(sigma - sigma.diagonal().diag_embed()) > 0.1, "L L^T must not be diagonal");
    }

    [Fact]
    public void Float64_posteriors_sample_in_float64()
    {
        using var scope = new DisposeScope();
        var q = PosteriorChecks.Random(PosteriorKind.Full, 2, 3, 1, Device.Cpu);
        using var g = new Generator(1);
        var (z, logQ) = q.Sample(4, g);
        Assert.Equal((ScalarType.Float64, ScalarType.Float64), (z.dtype, logQ.dtype));
        Assert.Equal([2L, 4, 3], z.shape);
        Assert.Equal([2L, 4], logQ.shape);
    }
}
