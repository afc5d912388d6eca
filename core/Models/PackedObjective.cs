using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// <see cref="Objective"/> for a pack, each run with its own kind, KL estimator and beta at a shared k. The
/// equations are Objective's, over a leading run dimension: the sampled surrogate is sum_i w~_i log w_i with IWAE's
/// detached softmax weights (<see cref="Objective.NormalisedWeights"/>) or the VAE's uniform 1/k, and the analytic
/// VAE is E_q log p(x|z) - beta KL. Runs of different kinds are combined by a per-run selection, whose gradient
/// reaches only the selected branch, so each run's gradient is that of its own objective. A categorical pack trains
/// <see cref="Objective"/>'s relaxed VAE, each run at its own temperature and beta.
/// </summary>
public static class PackedObjective
{
    public static PackedStepTerms Compute(PackedVae model, Tensor x, int k, IReadOnlyList<RunObjective> runs,
        IReadOnlyList<Generator> generators)
    {
        var n = model.Runs;
        if (runs.Count != n || generators.Count != n)
            throw new ArgumentException($"a pack of {n} runs needs {n} objectives and generators");
        if (model.IsCategorical) return Relaxed(model, x, k, runs, generators);
        var terms = model.LogWeightTerms(x, k, generators);
        var batch = x.size(1);
        var recon = terms.LogPxz.mean(-1);                                      // (n, batch)
        var analyticKl = terms.Posterior.AnalyticKl().reshape(n, batch);        // (n, batch)
        var logW = terms.LogWeights();                                          // (n, batch, k), beta = 1
        var beta = Torch.tensor(runs.Select(r => (float)r.Beta).ToArray(), [n, 1, 1], x.device);
        // Always the per-run form, even where every beta is 1: a run's rounding must not depend on its pack mates'
        // betas, so that packs re-formed after an interruption give each run the same bits.
        var logWBeta = terms.LogWeights(beta);

        Tensor? iwae = null, sampledVae = null, analyticVae = null;
        if (runs.Any(r => r.Kind == ObjectiveKind.Iwae))
        {
            using var weights = Objective.NormalisedWeights(logWBeta).detach();
            iwae = (weights * logWBeta).sum(-1);
        }
        if (runs.Any(r => r.Kind != ObjectiveKind.Iwae && r.Kl != KlEstimator.Analytic))
            sampledVae = logWBeta.mean(-1);
        if (runs.Any(r => r.Kind != ObjectiveKind.Iwae && r.Kl == KlEstimator.Analytic))
            analyticVae = recon - analyticKl * beta.reshape(n, 1);
        var analytic = runs.Select(r => r.Kind != ObjectiveKind.Iwae && r.Kl == KlEstimator.Analytic).ToArray();
        var surrogate = Choose(runs.Select(r => r.Kind == ObjectiveKind.Iwae).ToArray(), iwae,
            Choose(analytic, analyticVae, sampledVae, x.device), x.device)!;                // (n, batch)

        var bound = logW.logsumexp(-1) - Math.Log(k);                           // (n, batch)
        return new PackedStepTerms(
            Loss: -surrogate.mean(-1),
            Elbo: (recon - analyticKl).mean(-1),
            Recon: recon.mean(-1),
            Kl: analyticKl.mean(-1),
            Bound: bound.mean(-1));
    }

    /// <summary>Objective.Relaxed per run: E_q log p(x|y) over k Gumbel-softmax samples minus beta KL(q || uniform), the
    /// KL exact from the probabilities; no k-sample bound (NaN), as for the lone run.</summary>
    private static PackedStepTerms Relaxed(PackedVae model, Tensor x, int k, IReadOnlyList<RunObjective> runs,
        IReadOnlyList<Generator> generators)
    {
        if (runs.Any(r => r.Kind != ObjectiveKind.Vae || r.Kl != KlEstimator.Analytic))
            throw new ArgumentException("a categorical model trains only the VAE objective with the analytic KL");
        var n = model.Runs;
        var (posterior, logPxz) = model.RelaxedLogLikelihood(x, k, runs.Select(r => 1.0 / r.Temperature).ToList(), generators);
        var recon = logPxz.mean(-1);                                            // (n, batch)
        var kl = posterior.AnalyticKl().reshape(n, -1);                         // (n, batch)
        var beta = Torch.tensor(runs.Select(r => (float)r.Beta).ToArray(), [n, 1], x.device);
        return new PackedStepTerms(
            Loss: -(recon - kl * beta).mean(-1),
            Elbo: (recon - kl).mean(-1),
            Recon: recon.mean(-1),
            Kl: kl.mean(-1),
            Bound: Torch.full([n], double.NaN, recon.dtype, recon.device));
    }

    /// <summary>Per run r: <paramref name="chosen"/> where take[r], else <paramref name="other"/>. A side is null
    /// when no run needs it (it is then never computed), so the other side serves every run.</summary>
    internal static Tensor? Choose(bool[] take, Tensor? chosen, Tensor? other, Device device)
    {
        if (chosen is null) return other;
        if (other is null || take.All(t => t)) return chosen;
        if (!take.Any(t => t)) return other;
        var mask = Torch.tensor(take.Select(t => t ? 1f : 0f).ToArray(), [take.Length, 1], device).gt(0.5);
        return Torch.where(mask, chosen, other);
    }
}
