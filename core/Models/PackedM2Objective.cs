using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// <see cref="M2Objective"/> for a pack: the same bounds (Kingma et al. 2014, eq. 6-9) over a leading run dimension,
/// each run with its own beta, alpha and KL estimator, and its noise from its own generator in its lone run's order
/// (the labelled batch's eps, then the unlabelled batch's). Every run of a pack has the same labelled set, so the
/// same weights N_l/N and N_u/N.
/// </summary>
public static class PackedM2Objective
{
    /// <param name="labelledX">(n, batch_l, inputs)</param>
    /// <param name="labels">one-hot (n, batch_l, C)</param>
    /// <param name="unlabelledX">(n, batch_u, inputs), or null when every example is labelled</param>
    public static PackedStepTerms Compute(PackedVae model, Tensor labelledX, Tensor labels, Tensor? unlabelledX,
        (double Labelled, double Unlabelled) weights, int k, IReadOnlyList<RunObjective> runs,
        IReadOnlyList<Generator> generators)
    {
        var n = model.Runs;
        if (!model.IsM2) throw new ArgumentException("a pack without a classifier trains through PackedObjective");
        if (runs.Count != n || generators.Count != n)
            throw new ArgumentException($"a pack of {n} runs needs {n} objectives and generators");
        var (dtype, device) = (labelledX.dtype, labelledX.device);
        var analytic = runs.Select(r => r.Kl == KlEstimator.Analytic).ToArray();
        var beta = Torch.tensor(runs.Select(r => (float)r.Beta).ToArray(), [n, 1], device);
        var alpha = Torch.tensor(runs.Select(r => (float)r.Alpha).ToArray(), [n], device);
        var epsL = Torch.stack(generators.Select(g =>
            Torch.randn([labelledX.size(1), k, model.Latent], g, dtype, device)).ToList());
        var l = Labelled(model, labelledX, labels, epsL, analytic);
        var logQy = (model.Classifier!.LogProbabilities(labelledX) * labels).sum(-1);     // (n, batch_l)
        var objective = Bound(l, beta).mean(-1) * weights.Labelled + logQy.mean(-1) * alpha;
        var shown = l;
        if (unlabelledX is not null)
        {
            var epsU = Torch.stack(generators.Select(g =>
                Torch.randn([unlabelledX.size(1), model.Classes, k, model.Latent], g, dtype, device)).ToList());
            var everyClass = LabelledForEveryClass(model, unlabelledX, epsU, analytic);
            var u = M2Objective.Unlabelled(model.Classifier.LogProbabilities(unlabelledX), everyClass, model.Classes);
            objective += Bound(u, beta).mean(-1) * weights.Unlabelled;
            shown = u;
        }
        return new PackedStepTerms(
            Loss: -objective,
            Elbo: shown.Bound().mean(-1),
            Recon: shown.Recon.mean(-1),
            Kl: (shown.KlZ + shown.KlY).mean(-1),
            Bound: Torch.full([n], double.NaN, dtype, device));
    }

    /// <summary>Recon - beta KlZ - KlY with beta (n, 1) per run.</summary>
    private static Tensor Bound(M2Objective.Pieces p, Tensor beta) => p.Recon - p.KlZ * beta - p.KlY;

    /// <summary>M2Objective.Labelled per run: x (n, b, inputs), y one-hot (n, b, C), eps (n, b, k, latent); pieces (n, b).</summary>
    private static M2Objective.Pieces Labelled(PackedVae model, Tensor x, Tensor y, Tensor eps, bool[] analytic)
    {
        var (n, batch, k) = (x.size(0), x.size(1), eps.size(2));
        var posterior = (GaussianPosterior)model.Encoder.forward(Torch.cat([x, y], 2));  // folded (n * b, ...)
        var (z, logQ) = posterior.SampleFrom(eps.reshape(n * batch, k, model.Latent));  // (n * b, k, latent)
        var yk = y.unsqueeze(2).expand(n, batch, k, model.Classes);
        var input = Torch.cat([z.reshape(n, batch, k, model.Latent), yk], 3).reshape(n, batch * k, model.Latent + model.Classes);
        var logits = model.Decoder.forward(input).reshape(n, batch, k, model.Inputs);
        var logPxz = BernoulliDecoder.LogLikelihoodShared(logits, x);                   // (n, b, k)
        var klAnalytic = analytic.Any(a => a) ? posterior.AnalyticKl().reshape(n, batch) : null;
        var klSampled = analytic.Any(a => !a) ? (logQ - posterior.LogPrior(z)).mean(-1).reshape(n, batch) : null;
        var klZ = PackedObjective.Choose(analytic, klAnalytic, klSampled, x.device)!;
        return new M2Objective.Pieces(logPxz.mean(-1), klZ, Torch.full([n, batch], Math.Log(model.Classes), x.dtype, x.device));
    }

    /// <summary>M2Objective.LabelledForEveryClass per run: x (n, b, inputs), eps (n, b, C, k, latent); pieces (n, b, C).</summary>
    private static M2Objective.Pieces LabelledForEveryClass(PackedVae model, Tensor x, Tensor eps, bool[] analytic)
    {
        var (n, batch, c, dim) = (x.size(0), x.size(1), (long)model.Classes, x.size(2));
        var xs = x.unsqueeze(2).expand(n, batch, c, dim).reshape(n, batch * c, dim);
        var ys = Torch.eye(c, x.dtype, x.device).reshape(1, 1, c, c).expand(n, batch, c, c).reshape(n, batch * c, c);
        var rows = Labelled(model, xs, ys, eps.reshape(n, batch * c, eps.size(3), eps.size(4)), analytic);
        return new M2Objective.Pieces(rows.Recon.reshape(n, batch, c), rows.KlZ.reshape(n, batch, c), rows.KlY.reshape(n, batch, c));
    }
}
