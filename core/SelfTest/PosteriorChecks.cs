using System.Globalization;
using VaeSweep.Core.Config;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.SelfTest;

/// <summary>
/// Checks of q(z|x) alone, in float64 on posteriors built from fixed random parameters (no network), so that
/// only the Gaussian algebra is under test: the closed-form KL, the sampled log-density, and the agreement of the
/// full-covariance posterior with the diagonal one when its Cholesky factor is diagonal.
/// </summary>
public static class PosteriorChecks
{
    private const double Log2Pi = 1.8378770664093453;

    /// <summary>A batch of posteriors with fixed random parameters (float64): means of scale 0.7, scales
    /// e^(+-0.3) and, for the full covariance, a lower triangle of scale 0.5.</summary>
    public static GaussianPosterior Random(PosteriorKind kind, int batch, int latent, ulong seed, Device device)
    {
        using var g = new Generator(seed, device);
        var mean = Torch.randn([batch, latent], g, ScalarType.Float64, device) * 0.7;
        var logScale = Torch.randn([batch, latent], g, ScalarType.Float64, device) * 0.3;
        if (kind == PosteriorKind.Diagonal) return new DiagonalGaussianPosterior(mean, logScale * 2.0);
        var lower = Torch.randn([batch, latent, latent], g, ScalarType.Float64, device) * 0.5;
        return new FullCovarianceGaussianPosterior(mean, logScale, lower);
    }

    /// <summary>
    /// KL(q || p) = E_q[log q(z) - log p(z)]: the closed form against the mean of n samples, per data point,
    /// passing when every difference is within <paramref name="maxZ"/> standard errors of the Monte-Carlo mean.
    /// </summary>
    public static CheckResult KlMatchesMonteCarlo(PosteriorKind kind, Device device, int samples = 100_000,
        double maxZ = 4.0)
    {
        using var scope = new DisposeScope();
        using var g = new Generator(20160901, device);
        var q = Random(kind, batch: 4, latent: 3, seed: 7, device);
        var (z, logQ) = q.Sample(samples, g);
        var terms = logQ - GaussianPosterior.PriorLogDensity(z);                 // (batch, n)
        var mc = terms.mean(1).data<double>();
        var se = (terms.var(1) / samples).sqrt().data<double>();
        var analytic = q.AnalyticKl().data<double>();
        var worst = 0.0;
        for (var i = 0; i < analytic.Length; i++) worst = Math.Max(worst, Math.Abs(analytic[i] - mc[i]) / se[i]);
        var name = $"kl-{Name(kind)}-vs-monte-carlo";
        return new CheckResult(name, worst <= maxZ,
            Inv($"analytic KL {analytic[0]:F4} vs {samples} samples {mc[0]:F4} +- {se[0]:F4} (first of {analytic.Length}); worst |diff| = {worst:F2} SE (limit {maxZ})"),
            new Dictionary<string, double>
            {
                ["worst_z"] = worst, ["analytic"] = analytic[0], ["monte_carlo"] = mc[0], ["se"] = se[0],
            });
    }

    /// <summary>
    /// With a diagonal Cholesky factor L = diag(exp(s)) the full-covariance posterior is the diagonal one with
    /// log-variance 2s: equal KL, and equal samples and log q for the same noise. The garbage placed on and above
    /// the diagonal of the "lower" input must be ignored.
    /// </summary>
    public static CheckResult FullEqualsDiagonalWhenFactorIsDiagonal(Device device, double tolerance = 1e-12)
    {
        using var scope = new DisposeScope();
        using var g = new Generator(3, device);
        var mean = Torch.randn([5, 4], g, ScalarType.Float64, device);
        var logDiagonal = Torch.randn([5, 4], g, ScalarType.Float64, device) * 0.4;
        var noise = Torch.randn([5, 4, 4], g, ScalarType.Float64, device);
        var upperAndDiagonal = noise - noise.tril(-1);                          // strict lower triangle zero
        var full = new FullCovarianceGaussianPosterior(mean, logDiagonal, upperAndDiagonal);
        var diagonal = new DiagonalGaussianPosterior(mean, logDiagonal * 2.0);

        var klDiff = MaxAbs(full.AnalyticKl() - diagonal.AnalyticKl());
        using var g1 = new Generator(11, device);
        using var g2 = new Generator(11, device);
        var (zFull, logQFull) = full.Sample(64, g1);
        var (zDiag, logQDiag) = diagonal.Sample(64, g2);
        var zDiff = MaxAbs(zFull - zDiag);
        var logQDiff = MaxAbs(logQFull - logQDiag);
        var worst = Math.Max(klDiff, Math.Max(zDiff, logQDiff));
        return new CheckResult("full-covariance-equals-diagonal", worst <= tolerance,
            Inv($"max |diff|: KL {klDiff:E1}, z {zDiff:E1}, log q {logQDiff:E1} (limit {tolerance:E0})"),
            new Dictionary<string, double> { ["kl_diff"] = klDiff, ["z_diff"] = zDiff, ["log_q_diff"] = logQDiff });
    }

    /// <summary>
    /// log q(z|x) as Sample returns it (computed from the noise) against the Gaussian density evaluated at z
    /// independently: for the diagonal case term by term, for the full case through a triangular solve
    /// L^{-1}(z - mu) and log det L from the factor's diagonal.
    /// </summary>
    public static CheckResult LogQMatchesDensity(PosteriorKind kind, Device device, double tolerance = 1e-9)
    {
        using var scope = new DisposeScope();
        using var g = new Generator(5, device);
        var q = Random(kind, batch: 6, latent: 5, seed: 13, device);
        var (z, logQ) = q.Sample(32, g);
        var density = Density(q, z);
        var diff = MaxAbs(logQ - density);
        var typical = Math.Abs(density.mean().item());
        return new CheckResult($"log-q-{Name(kind)}-matches-density", diff <= tolerance,
            Inv($"max |log q - log N(z; mu, Sigma)| = {diff:E1} at log q ~ {-typical:F2} (limit {tolerance:E0})"),
            new Dictionary<string, double> { ["max_diff"] = diff });
    }

    /// <summary>log N(z; mu, Sigma) for z of shape (batch, k, latent), from the posterior's parameters only.</summary>
    public static Tensor Density(GaussianPosterior q, Tensor z)
    {
        var d = q.Latent;
        var centred = z - q.Mean.unsqueeze(1);                                   // (batch, k, d)
        if (q is DiagonalGaussianPosterior diag)
        {
            var variance = diag.LogVar.exp().unsqueeze(1);
            return ((centred.square() / variance) + diag.LogVar.unsqueeze(1) + Log2Pi).sum(-1) * -0.5;
        }
        var l = ((FullCovarianceGaussianPosterior)q).Cholesky;                  // (batch, d, d)
        var white = Torch.linalg_solve_triangular(l, centred.transpose(-1, -2), upper: false);   // (batch, d, k)
        var logDet = l.diagonal(0, -2, -1).log().sum(-1);                        // (batch)
        return white.square().sum(-2) * -0.5 - logDet.unsqueeze(-1) - 0.5 * d * Log2Pi;
    }

    public static double MaxAbs(Tensor t) => t.abs().reshape(-1).amax(0).item();

    private static string Name(PosteriorKind kind) => kind == PosteriorKind.Full ? "full" : "diagonal";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
