using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Training;

/// <summary>ELBO terms and active units over a whole split, without gradients.</summary>
public static class PosteriorStatistics
{
    /// <summary>Means over the split of E_q log p(x|z) (k = 1), KL(q||p) in closed form, and their difference,
    /// plus the number of active units: dimensions u with Var_x(E_q[z_u]) > 0.01 (Burda et al. 2016, section 5.2).</summary>
    public static (double Elbo, double Recon, double Kl, int ActiveUnits) Measure(Vae model, BatchSource source,
        int epochKey, Generator generator)
    {
        using var _ = Torch.no_grad();
        var order = BatchSource.Sequential(source.Split.Count);
        var sums = new ElboSums(model.Latent);
        for (var b = 0; b < source.BatchCount; b++)
        {
            using var scope = new DisposeScope();
            var x = source.Batch(order, b, epochKey);
            var terms = model.LogWeightTerms(x, 1, generator);
            sums.Add(terms.LogPxz.sum().item(), terms.Posterior);
        }
        return sums.Means(source.Split.Count);
    }

    public static int ActiveUnits(IReadOnlyList<float[]> meanBatches, int latent, int n, double threshold = 0.01)
    {
        var sum = new double[latent];
        var sumSq = new double[latent];
        foreach (var batch in meanBatches)
            for (var i = 0; i < batch.Length; i++)
            {
                sum[i % latent] += batch[i];
                sumSq[i % latent] += (double)batch[i] * batch[i];
            }
        var active = 0;
        for (var u = 0; u < latent; u++)
        {
            var mean = sum[u] / n;
            if (sumSq[u] / n - mean * mean > threshold) active++;
        }
        return active;
    }
}
