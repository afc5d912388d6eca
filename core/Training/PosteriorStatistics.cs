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

    /// <summary>
    /// Active latent variables from batches of E_q[z] over n points. A Gaussian dimension u is active when
    /// Var_x(E_q[z_u]) > threshold (Burda et al. 2016, section 5.2). With <paramref name="units"/> = latent x C (a
    /// categorical posterior, E_q[z] its probabilities) a variable is active when any of its C probabilities is.
    /// </summary>
    public static int ActiveUnits(IReadOnlyList<float[]> meanBatches, int latent, int n, double threshold = 0.01,
        int units = 0)
    {
        if (units == 0) units = latent;
        var sum = new double[units];
        var sumSq = new double[units];
        foreach (var batch in meanBatches)
            for (var i = 0; i < batch.Length; i++)
            {
                sum[i % units] += batch[i];
                sumSq[i % units] += (double)batch[i] * batch[i];
            }
        var group = units / latent;
        var active = 0;
        for (var v = 0; v < latent; v++)
        {
            var varies = false;
            for (var u = v * group; u < (v + 1) * group; u++)
            {
                var mean = sum[u] / n;
                varies |= sumSq[u] / n - mean * mean > threshold;
            }
            if (varies) active++;
        }
        return active;
    }
}
