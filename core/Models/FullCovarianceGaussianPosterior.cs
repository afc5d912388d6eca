using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// Gaussian with covariance L L^T through a Cholesky factor L (seed 003, exercise 5): strictly lower part free,
/// diagonal kept positive as exp of a free parameter, so any network output is a valid factor.
/// </summary>
public sealed class FullCovarianceGaussianPosterior : GaussianPosterior
{
    /// <summary>(batch, latent, latent), lower triangular with a positive diagonal.</summary>
    public Tensor Cholesky { get; }
    private readonly Tensor logDiagonal;

    /// <param name="mean">(batch, latent)</param>
    /// <param name="logDiagonal">(batch, latent): log of L's diagonal</param>
    /// <param name="lowerEntries">(batch, latent, latent): only the strictly lower triangle is used</param>
    public FullCovarianceGaussianPosterior(Tensor mean, Tensor logDiagonal, Tensor lowerEntries) : base(mean)
    {
        this.logDiagonal = logDiagonal;
        Cholesky = lowerEntries.tril(-1) + logDiagonal.exp().diag_embed();
    }

    // z = mu + L eps for each of the k samples: (b, k, d) x (b, d, d)^T -> (b, k, d).
    protected override Tensor Transform(Tensor eps) => Mean.unsqueeze(1) + eps.matmul(Cholesky.transpose(-1, -2));

    // The factor's strict lower part and its diagonal rebuild the same factor, bit for bit.
    public override GaussianPosterior Rows(long start, long length) => new FullCovarianceGaussianPosterior(
        Mean.narrow(0, start, length), logDiagonal.narrow(0, start, length), Cholesky.narrow(0, start, length));

    protected override Tensor LogDetScale() => logDiagonal.sum(-1);

    // L_m y = d for every m at once: the differences as (m, latent, n) columns, one triangular solve per m.
    protected override Tensor Standardise(Tensor differences) =>
        Torch.linalg_solve_triangular(Cholesky, differences.permute([1L, 2L, 0L]), upper: false).permute([2L, 0L, 1L]);

    /// <summary>KL(N(mu, L L^T) || N(0, I)) = 1/2 (tr(L L^T) + mu^T mu - d) - log det L, with tr(L L^T) = sum L_ij^2.</summary>
    public override Tensor AnalyticKl() =>
        (Cholesky.square().sum([-2L, -1L]) + Mean.square().sum(-1) - (double)Latent) * 0.5 - logDiagonal.sum(-1);
}
