using VaeSweep.Core.Evaluation;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Tests.Evaluation;

/// <summary>The I(x;z) estimator against its limits (posteriors that all agree: 0; posteriors that never overlap:
/// log N), a two-point mixture integrated by quadrature, and the cross densities it is built from.</summary>
public sealed class MutualInformationTests
{
    private static Tensor Column(IEnumerable<double> values)
    {
        var v = values.ToArray();
        return Torch.tensor(v, [v.Length, 1], Device.Cpu);
    }

    private static DiagonalGaussianPosterior OneDimensional(IEnumerable<double> means) =>
        new(Column(means), Column(means.Select(_ => 0.0)));

    [Fact]
    public void Posteriors_that_all_agree_carry_no_information()
    {
        using var scope = new DisposeScope();
        using var g = new Generator(5);

        var estimate = MutualInformation.FromPosteriors(OneDimensional(Enumerable.Repeat(0.3, 500)), g);

        Assert.Equal(0, estimate.Value, 1e-9);
        Assert.Equal(500, estimate.Points);
    }

    [Fact]
    public void Posteriors_that_never_overlap_carry_log_n_nats()
    {
        using var scope = new DisposeScope();
        using var g = new Generator(5);

        var estimate = MutualInformation.FromPosteriors(OneDimensional(Enumerable.Range(0, 300).Select(i => 1000.0 * i)), g);

        Assert.Equal(Math.Log(300), estimate.Value, 1e-9);
    }

    [Fact]
    public void Two_overlapping_posteriors_match_the_integral_within_four_standard_errors()
    {
        // x uniform on two points whose posteriors are N(-1, 1) and N(1, 1): by symmetry
        // I = integral of N(z; 1, 1) [log N(z; 1, 1) - log((N(z; 1, 1) + N(z; -1, 1)) / 2)] dz.
        using var scope = new DisposeScope();
        using var g = new Generator(11);
        static double Density(double z, double mean) => Math.Exp(-0.5 * (z - mean) * (z - mean)) / Math.Sqrt(2 * Math.PI);
        const double step = 1e-3;
        var exact = 0.0;
        for (var z = -20.0; z <= 20.0; z += step)
        {
            var own = Density(z, 1);
            if (own > 0) exact += step * own * (Math.Log(own) - Math.Log((own + Density(z, -1)) / 2));
        }

        var estimate = MutualInformation.FromPosteriors(OneDimensional(Enumerable.Range(0, 2000).Select(i => i % 2 == 0 ? -1.0 : 1.0)), g);

        Assert.InRange(exact, 0.3, 0.5);   // the integral itself is neither limit
        Assert.True(Math.Abs(estimate.Value - exact) < 4 * estimate.Se, $"estimate {estimate.Value} ± {estimate.Se}, integral {exact}");
    }

    [Fact]
    public void Cross_densities_of_a_full_covariance_posterior_match_a_hand_computation_and_its_own_samples()
    {
        using var scope = new DisposeScope();
        using var g = new Generator(2);
        // Two 2-d posteriors, L = [[a, 0], [c, b]] each.
        var mean = Torch.tensor(new[] { 0.5, -1.0, 2.0, 0.0 }, [2, 2], Device.Cpu);
        var logDiagonal = Torch.tensor(new[] { Math.Log(0.5), Math.Log(2.0), 0.0, Math.Log(0.25) }, [2, 2], Device.Cpu);
        var lower = Torch.tensor(new[] { 0, 0, 0.7, 0, 0, 0, -1.5, 0 }, [2, 2, 2], Device.Cpu);
        var posterior = new FullCovarianceGaussianPosterior(mean, logDiagonal, lower);
        double[][] means = [[0.5, -1.0], [2.0, 0.0]];
        double[][] factors = [[0.5, 0.7, 2.0], [1.0, -1.5, 0.25]];   // a, c, b
        static double Hand(double[] z, double[] mu, double[] f)
        {
            // Forward substitution of L y = z - mu, then log N = -|y|^2/2 - log(a b) - log 2pi.
            var y0 = (z[0] - mu[0]) / f[0];
            var y1 = (z[1] - mu[1] - f[1] * y0) / f[2];
            return -0.5 * (y0 * y0 + y1 * y1) - Math.Log(f[0] * f[2]) - Math.Log(2 * Math.PI);
        }
        double[][] points = [[0.1, 0.2], [-1.0, 3.0], [2.5, -0.5]];

        var cross = posterior.LogDensityUnderEach(Torch.tensor(points.SelectMany(p => p).ToArray(), [3, 2], Device.Cpu)).data<double>();
        var (z, logQ) = posterior.Sample(1, g);
        var own = posterior.LogDensityUnderEach(z.squeeze(1)).data<double>();

        for (var n = 0; n < 3; n++)
        for (var m = 0; m < 2; m++)
            Assert.Equal(Hand(points[n], means[m], factors[m]), cross[n * 2 + m], 1e-9);
        var sampled = logQ.data<double>();
        Assert.Equal(sampled[0], own[0], 1e-9);   // z_0 under posterior 0
        Assert.Equal(sampled[1], own[3], 1e-9);   // z_1 under posterior 1
    }
}
