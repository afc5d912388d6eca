using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// The semi-supervised objective of Kingma et al. 2014 (model M2, eq. 6-9), with p(y) uniform over C classes and
/// p(z) standard normal:
///   labelled   L(x,y) = E_q(z|x,y)[log p(x|y,z) + log p(y) + log p(z) - log q(z|x,y)]            (eq. 6)
///   unlabelled U(x)   = sum_y q(y|x) L(x,y) + H(q(y|x))                                           (eq. 7)
///   J^alpha = sum_labelled L + sum_unlabelled U + alpha' E_labelled[log q(y|x)]                   (eq. 8-9)
/// maximised. The step's loss is J^alpha / N estimated from one batch of each kind:
///   -( N_l/N mean_l L + N_u/N mean_u U + alpha mean_l log q(y|x) ),
/// alpha = objective.alpha = the paper's alpha'/N (their alpha' = 0.1 N is alpha = 0.1). beta weights the z-part
/// log p(z) - log q(z|x,y) as in the VAE (its warm-up included); with the analytic KL that part is -KL(q(z|x,y)||p(z)).
/// The noise eps of the reparameterised z is an argument, so that U computed for all y at once and U computed y by y
/// can be given the same draws (the tests do).
/// </summary>
public static class M2Objective
{
    /// <summary>The pieces of a bound per data point, each (batch): E log p(x|y,z); the z-part of the KL; the y-part
    /// (KL(q(y|x)||p(y)), which is log C for an observed y). The bound is Recon - beta KlZ - KlY.</summary>
    public sealed record Pieces(Tensor Recon, Tensor KlZ, Tensor KlY)
    {
        public Tensor Bound(double beta = 1.0) => Recon - KlZ * beta - KlY;
    }

    /// <summary>L(x, y) of eq. 6 for y one-hot (batch, C) and eps (batch, k, latent): k samples of z per point.</summary>
    public static Pieces Labelled(Vae model, Tensor x, Tensor y, Tensor eps, KlEstimator kl)
    {
        var batch = x.size(0);
        var k = eps.size(1);
        var posterior = (GaussianPosterior)model.Encoder.forward(Torch.cat([x, y], 1));
        var (z, logQ) = posterior.SampleFrom(eps);                                       // (batch, k, latent)
        var logPxz = LogLikelihood(model, z, y, x);                                      // (batch, k)
        var klZ = kl == KlEstimator.Analytic ? posterior.AnalyticKl() : (logQ - posterior.LogPrior(z)).mean(-1);
        // log p(y) = -log C for the uniform prior: the KL of the point mass at the observed y to it.
        return new Pieces(logPxz.mean(-1), klZ, Torch.full([batch], Math.Log(model.Classes), x.dtype, x.device));
    }

    /// <summary>log p(x|y,z) for z (batch, k, latent), y one-hot (batch, C), x (batch, inputs): (batch, k).</summary>
    public static Tensor LogLikelihood(Vae model, Tensor z, Tensor y, Tensor x)
    {
        var (batch, k) = (z.size(0), z.size(1));
        var yk = y.unsqueeze(1).expand(batch, k, model.Classes);
        var input = Torch.cat([z, yk], 2).reshape(batch * k, model.Latent + model.Classes);
        var logits = model.Decoder.forward(input).reshape(batch, k, model.Inputs);
        return BernoulliDecoder.LogLikelihoodShared(logits, x);
    }

    /// <summary>
    /// U(x) of eq. 7 for eps (batch, C, k, latent), all C labelled bounds in one batch of batch x C rows (row b C + c is
    /// x_b with y = c): sum_y q(y|x) (Recon_y - beta KlZ_y + log p(y)) + H(q(y|x)). As pieces, Recon and KlZ are the
    /// q(y|x)-weighted sums and KlY = sum_y q(y|x) log q(y|x) + log C = KL(q(y|x) || p(y)), which is -(E log p(y) + H).
    /// </summary>
    public static Pieces Unlabelled(Vae model, Tensor x, Tensor eps, KlEstimator kl) =>
        Unlabelled(model.Classifier!.LogProbabilities(x), LabelledForEveryClass(model, x, eps, kl), model.Classes);

    /// <summary>U(x) from log q(y|x) (batch, C) and the labelled pieces for every y, each (batch, C).</summary>
    public static Pieces Unlabelled(Tensor logQy, Pieces everyClass, int classes)
    {
        var qy = logQy.exp();
        return new Pieces((qy * everyClass.Recon).sum(-1), (qy * everyClass.KlZ).sum(-1),
            (qy * logQy).sum(-1) + Math.Log(classes));
    }

    /// <summary>L(x, y) for every class y at once: pieces of shape (batch, C), from eps (batch, C, k, latent).</summary>
    public static Pieces LabelledForEveryClass(Vae model, Tensor x, Tensor eps, KlEstimator kl)
    {
        var (batch, c, dim) = (x.size(0), (long)model.Classes, x.size(1));
        var xs = x.unsqueeze(1).expand(batch, c, dim).reshape(batch * c, dim);
        var ys = Torch.eye(c, x.dtype, x.device).unsqueeze(0).expand(batch, c, c).reshape(batch * c, c);
        var rows = Labelled(model, xs, ys, eps.reshape(batch * c, eps.size(2), eps.size(3)), kl);
        return new Pieces(rows.Recon.reshape(batch, c), rows.KlZ.reshape(batch, c), rows.KlY.reshape(batch, c));
    }

    /// <summary>The step's terms: the loss above and, as metrics, the unlabelled bound's pieces (beta = 1) over the
    /// unlabelled batch, or the labelled bound's where there is none (every example labelled).</summary>
    /// <param name="labels">The labelled batch's class indices as one-hot rows (batch_l, C).</param>
    /// <param name="weights">N_l/N and N_u/N.</param>
    public static StepTerms Compute(Vae model, Tensor labelledX, Tensor labels, Tensor? unlabelledX,
        (double Labelled, double Unlabelled) weights, int k, double beta, double alpha, KlEstimator kl,
        Generator generator)
    {
        var dtype = labelledX.dtype;
        var epsL = Torch.randn([labelledX.size(0), k, model.Latent], generator, dtype, labelledX.device);
        var l = Labelled(model, labelledX, labels, epsL, kl);
        var logQy = (model.Classifier!.LogProbabilities(labelledX) * labels).sum(-1);   // log q(y|x) at the label
        var objective = l.Bound(beta).mean() * weights.Labelled + logQy.mean() * alpha;
        var shown = l;
        if (unlabelledX is not null)
        {
            var epsU = Torch.randn([unlabelledX.size(0), model.Classes, k, model.Latent], generator, dtype, unlabelledX.device);
            var u = Unlabelled(model, unlabelledX, epsU, kl);
            objective += u.Bound(beta).mean() * weights.Unlabelled;
            shown = u;
        }
        var klTotal = shown.KlZ + shown.KlY;
        return new StepTerms(
            Loss: -objective,
            Elbo: shown.Bound().mean(),
            Recon: shown.Recon.mean(),
            Kl: klTotal.mean(),
            Bound: Torch.full([], double.NaN, dtype, labelledX.device));
    }

    /// <summary>One-hot rows (n, C) of class indices.</summary>
    public static Tensor OneHot(int[] classIndices, int classes, Device device)
    {
        var hot = new float[classIndices.Length * classes];
        for (var i = 0; i < classIndices.Length; i++) hot[i * classes + classIndices[i]] = 1;
        return Torch.tensor(hot, [classIndices.Length, classes], device);
    }
}
