using VaeSweep.Core.Models;

namespace VaeSweep.Core.Training;

/// <summary>
/// The ELBO's two terms summed over the points of a split, batch by batch, with the posterior means that the
/// active-unit count needs: what the per-epoch validation and the final evaluation both report.
/// </summary>
public sealed class ElboSums(int latent)
{
    private readonly List<float[]> means = [];
    private int units;
    private double recon;
    private double kl;

    /// <summary>Adds one batch: <paramref name="reconSum"/> is the sum over its points of E_q log p(x|z) (a mean over
    /// the samples drawn), and KL(q||p) is taken in closed form from <paramref name="posterior"/>.</summary>
    public void Add(double reconSum, Posterior posterior)
    {
        units = (int)posterior.Mean.size(-1);
        recon += reconSum;
        kl += posterior.AnalyticKl().sum().item();
        means.Add(posterior.Mean.data<float>());
    }

    /// <summary>Means over the <paramref name="n"/> points: ELBO = recon - KL, recon, KL, and the active units.</summary>
    public (double Elbo, double Recon, double Kl, int ActiveUnits) Means(int n) =>
        ((recon - kl) / n, recon / n, kl / n, PosteriorStatistics.ActiveUnits(means, latent, n, units: units));
}
