using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// The training objectives, written as in seed 001: a weighted sum over the k samples of
/// log w_i = log p(x|z_i) + beta (log p(z_i) - log q(z_i|x)), whose gradient is sum_i w~_i grad log w_i.
/// IWAE (Burda et al. 2016, eq. 14): w~ = softmax(log w), held out of the gradient (detached), which makes the
/// gradient equal to that of log (1/k) sum_i w_i. VAE: uniform weights w~_i = 1/k, i.e. the IWAE with equal
/// weights; with the analytic KL the VAE uses E_q[log p(x|z)] - beta KL(q || p) instead (Kingma & Welling, eq. 10).
/// A categorical model trains on Gumbel-softmax samples at <c>temperature</c> (see <see cref="Relaxed"/>).
/// </summary>
public static class Objective
{
    public static StepTerms Compute(Vae model, Tensor x, ObjectiveKind kind, int k, double beta, KlEstimator kl,
        Generator generator, double temperature = 1.0)
    {
        if (kind == ObjectiveKind.M2 || model.IsM2)
            throw new ArgumentException("objective.kind: m2 trains through M2Objective, on labelled and unlabelled batches");
        if (model.IsCategorical)
        {
            if (kind != ObjectiveKind.Vae || kl != KlEstimator.Analytic)
                throw new ArgumentException("a categorical model trains only the VAE objective with the analytic KL");
            return Relaxed(model, x, k, beta, temperature, generator);
        }
        var terms = model.LogWeightTerms(x, k, generator);
        var recon = terms.LogPxz.mean(-1);                  // (batch): E_q log p(x|z), Monte Carlo over k
        var analyticKl = terms.Posterior.AnalyticKl();      // (batch)
        var logW = terms.LogWeights();                      // (batch, k), beta = 1: for the bound
        Tensor surrogate;                                   // (batch): the quantity to maximise
        if (kind == ObjectiveKind.Iwae)
        {
            var logWBeta = beta == 1.0 ? logW : terms.LogWeights(beta);
            using var weights = NormalisedWeights(logWBeta).detach();
            surrogate = (weights * logWBeta).sum(-1);
        }
        else if (kl == KlEstimator.Analytic)
            surrogate = recon - analyticKl * beta;
        else
            surrogate = terms.LogWeights(beta).mean(-1);
        var bound = logW.logsumexp(-1) - Math.Log(k);      // (batch): the k-sample IWAE bound, beta = 1
        return new StepTerms(
            Loss: -surrogate.mean(),
            Elbo: (recon - analyticKl).mean(),
            Recon: recon.mean(),
            Kl: analyticKl.mean(),
            Bound: bound.mean());
    }

    /// <summary>
    /// The categorical VAE of Jang et al. 2017: E_q log p(x|y) over k Gumbel-softmax samples y, minus beta times
    /// KL(q || uniform) of the discrete posterior, exact from its probabilities (their choice too: the relaxed
    /// sample's own KL would need the Concrete density). The configuration allows only this objective (vae, analytic
    /// KL). The k-sample bound needs the discrete model's importance weights, which relaxed samples do not give, so
    /// Bound is NaN here; validation and evaluation measure the discrete model on exact samples.
    /// </summary>
    private static StepTerms Relaxed(Vae model, Tensor x, int k, double beta, double temperature, Generator generator)
    {
        var (posterior, logPxz) = model.RelaxedLogLikelihood(x, k, temperature, generator);
        var recon = logPxz.mean(-1);                        // (batch)
        var kl = posterior.AnalyticKl();                    // (batch)
        return new StepTerms(
            Loss: -(recon - kl * beta).mean(),
            Elbo: (recon - kl).mean(),
            Recon: recon.mean(),
            Kl: kl.mean(),
            Bound: Torch.full([], double.NaN, recon.dtype, recon.device));
    }

    /// <summary>softmax over the k samples, via logsumexp for stability: w~_i = exp(log w_i - logsumexp(log w)).</summary>
    public static Tensor NormalisedWeights(Tensor logW) => (logW - logW.logsumexp(-1, keepdim: true)).exp();
}
