using System.Globalization;
using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Evaluation;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.SelfTest;

/// <summary>
/// Checks of the training objectives (seed 001; Burda et al. 2016) on a small float32 model: identities that hold
/// exactly (up to rounding) for the same random draws, and expectations that hold within standard errors.
/// </summary>
public static class ObjectiveChecks
{
    /// <summary>
    /// With k = 1 the IWAE bound log w is the one-sample ELBO, log p(x|z) + log p(z) - log q(z|x), whose
    /// expectation is E_q log p(x|z) - KL: the mean over many draws of (bound - ELBO with analytic KL) must be
    /// within <paramref name="maxZ"/> standard errors of 0. At k = 1 the normalised weight is exactly 1, so the
    /// IWAE loss must also be exactly -bound.
    /// </summary>
    public static CheckResult IwaeWithOneSampleIsTheElbo(Device device, int draws = 400, double maxZ = 4.0)
    {
        using var model = CheckFixtures.TinyModel(device);
        using var g = new Generator(17, device);
        using var _ = Torch.no_grad();
        using var outer = new DisposeScope();
        var x = CheckFixtures.BinaryBatch(32, device);
        double sum = 0, sumSq = 0, bound = 0, elbo = 0, lossGap = 0;
        for (var r = 0; r < draws; r++)
        {
            using var scope = new DisposeScope();
            var terms = Objective.Compute(model, x, ObjectiveKind.Iwae, 1, 1.0, KlEstimator.Analytic, g);
            var v = terms.Stacked().to(ScalarType.Float64).data<double>();       // loss, elbo, recon, kl, bound
            var d = v[4] - v[1];
            sum += d;
            sumSq += d * d;
            bound += v[4];
            elbo += v[1];
            lossGap = Math.Max(lossGap, Math.Abs(v[0] + v[4]));
        }
        var mean = sum / draws;
        var se = Evaluator.StandardError(sum, sumSq, draws);
        var z = Math.Abs(mean) / se;
        var passed = z <= maxZ && lossGap <= 1e-4 * Math.Abs(bound / draws);
        return new CheckResult("iwae-k1-equals-elbo", passed,
            Inv($"mean bound {bound / draws:F4}, mean ELBO {elbo / draws:F4}: gap {mean:F4} +- {se:F4} ({z:F2} SE, limit {maxZ}); |loss + bound| <= {lossGap:E1}"),
            new Dictionary<string, double>
            {
                ["gap"] = mean, ["se"] = se, ["z"] = z, ["loss_plus_bound"] = lossGap,
                ["bound"] = bound / draws, ["elbo"] = elbo / draws,
            });
    }

    /// <summary>
    /// Burda et al. 2016, eq. 14: grad log (1/k) sum_i w_i = sum_i w~_i grad log w_i with w~ the normalised
    /// weights held constant. The IWAE loss (weights detached) and -(logsumexp(log w) - log k), evaluated on the
    /// same draws, must have the same gradient in every parameter. As a control, the weighted sum with the weights
    /// left in the graph must not (its gradient also moves the weights).
    /// </summary>
    public static CheckResult IwaeGradientMatchesLogMeanWeight(Device device, int k = 5, double beta = 1.0,
        double tolerance = 1e-4)
    {
        using var model = CheckFixtures.TinyModel(device);
        using var outer = new DisposeScope();
        using var g = new Generator(23, device);
        var x = CheckFixtures.BinaryBatch(16, device);
        var state = g.get_state();

        var iwae = Gradients(model, () =>
            Objective.Compute(model, x, ObjectiveKind.Iwae, k, beta, KlEstimator.Analytic, g).Loss);
        g.set_state(state);
        var direct = Gradients(model, () =>
        {
            var logW = model.LogWeightTerms(x, k, g).LogWeights(beta);
            return -(logW.logsumexp(-1) - Math.Log(k)).mean();
        });
        g.set_state(state);
        var undetached = Gradients(model, () =>
        {
            var logW = model.LogWeightTerms(x, k, g).LogWeights(beta);
            return -(Objective.NormalisedWeights(logW) * logW).sum(-1).mean();
        });

        var diff = RelativeDifference(iwae, direct);
        var control = RelativeDifference(undetached, direct);
        return new CheckResult(Inv($"iwae-gradient-k{k}-beta{beta}"), diff <= tolerance && control > 100 * tolerance,
            Inv($"max |grad IWAE loss - grad log mean w| / max |grad| = {diff:E1} (limit {tolerance:E0}); with weights not detached: {control:E1}"),
            new Dictionary<string, double> { ["relative_diff"] = diff, ["undetached_relative_diff"] = control });
    }

    /// <summary>
    /// Seed 001: the VAE is the IWAE with uniform weights 1/k. The VAE loss with the Monte-Carlo KL must equal
    /// -mean_x sum_i (1/k) log w_i(beta) on the same draws, in value and in gradient.
    /// </summary>
    public static CheckResult VaeIsIwaeWithUniformWeights(Device device, int k = 5, double beta = 0.5,
        double tolerance = 1e-5)
    {
        using var model = CheckFixtures.TinyModel(device);
        using var outer = new DisposeScope();
        using var g = new Generator(29, device);
        var x = CheckFixtures.BinaryBatch(16, device);
        var state = g.get_state();
        double vaeLoss = 0, uniformLoss = 0;
        var vae = Gradients(model, () =>
        {
            var loss = Objective.Compute(model, x, ObjectiveKind.Vae, k, beta, KlEstimator.MonteCarlo, g).Loss;
            vaeLoss = loss.item();
            return loss;
        });
        g.set_state(state);
        var uniform = Gradients(model, () =>
        {
            var logW = model.LogWeightTerms(x, k, g).LogWeights(beta);
            var weights = Torch.full(logW.shape, 1.0 / k, device: device);
            var loss = -(weights * logW).sum(-1).mean();
            uniformLoss = loss.item();
            return loss;
        });
        var valueDiff = Math.Abs(vaeLoss - uniformLoss) / Math.Max(1, Math.Abs(uniformLoss));
        var gradDiff = RelativeDifference(vae, uniform);
        return new CheckResult("vae-is-iwae-with-uniform-weights", valueDiff <= tolerance && gradDiff <= tolerance * 10,
            Inv($"loss {vaeLoss:F5} vs {uniformLoss:F5} (relative diff {valueDiff:E1}); gradient relative diff {gradDiff:E1}"),
            new Dictionary<string, double> { ["value_diff"] = valueDiff, ["gradient_diff"] = gradDiff });
    }

    /// <summary>
    /// Seed 000: the k samples are folded into the batch, (batch, k, latent) -> (batch k, latent), for one decoder
    /// pass. Decoding each sample's column separately must give the same log p(x|z) for every (point, sample).
    /// </summary>
    public static CheckResult FoldedSamplesMatchALoop(Device device, int k = 7, double tolerance = 1e-4)
    {
        using var model = CheckFixtures.TinyModel(device);
        using var outer = new DisposeScope();
        using var g = new Generator(31, device);
        using var _ = Torch.no_grad();
        var x = CheckFixtures.BinaryBatch(9, device);
        var terms = model.LogWeightTerms(x, k, g);
        var batch = x.size(0);
        var worst = 0.0;
        for (var i = 0; i < k; i++)
        {
            var z = terms.Z.narrow(1, i, 1).reshape(batch, model.Latent);
            var looped = BernoulliDecoder.LogLikelihood(model.Decoder.forward(z), x);          // (batch)
            var folded = terms.LogPxz.narrow(1, i, 1).reshape(batch);
            worst = Math.Max(worst, PosteriorChecks.MaxAbs(looped - folded));
        }
        var typical = Math.Abs(terms.LogPxz.mean().item());
        return new CheckResult("k-samples-folded-equals-loop", worst <= tolerance * Math.Max(1, typical),
            Inv($"max |log p(x|z) folded - looped| = {worst:E1} over {batch} x {k} samples (log p(x|z) ~ {-typical:F2})"),
            new Dictionary<string, double> { ["max_diff"] = worst });
    }

    /// <summary>
    /// The k-sample bound L_k = E log (1/k) sum_i w_i never decreases with k (Burda et al. 2016, theorem 1), for
    /// any model: the test-set bounds that <see cref="Evaluator"/> reports for k = 1, 5, 50 must be ordered.
    /// </summary>
    public static CheckResult BoundGrowsWithK(Vae model, RunConfig config, DataSplit test, bool isBinary, Device device)
    {
        var run = config with { Evaluation = config.Evaluation with { K = 50, Ks = [1, 5, 50], Pictures = false } };
        var bounds = Evaluator.Evaluate(model, run, test, isBinary, device).Bounds;
        double l1 = bounds[0].Value, l5 = bounds[1].Value, l50 = bounds[2].Value;
        return new CheckResult("bound-grows-with-k", l1 <= l5 && l5 <= l50,
            Inv($"L_1 {l1:F3} <= L_5 {l5:F3} <= L_50 {l50:F3} on {test.Count} points (SE of L_50 {bounds[2].Se:F3})"),
            new Dictionary<string, double> { ["l1"] = l1, ["l5"] = l5, ["l50"] = l50, ["se50"] = bounds[2].Se });
    }

    /// <summary>The check above on an untrained tiny model and synthetic data: the theorem holds for any q.</summary>
    public static CheckResult BoundGrowsWithKUntrained(Device device)
    {
        using var model = CheckFixtures.TinyModel(device);
        var test = CheckFixtures.BinarySplit("test", 200, CheckFixtures.Inputs, seed: 2);
        return BoundGrowsWithK(model, new RunConfig { Seed = 1 }, test, isBinary: true, device);
    }

    /// <summary>Runs backward on the loss <paramref name="build"/> makes and returns every parameter's gradient.</summary>
    public static double[][] Gradients(Module model, Func<Tensor> build)
    {
        using var scope = new DisposeScope();
        foreach (var p in model.Parameters()) p.clear_grad();
        build().backward();
        return model.Parameters()
            .Select(p => p.grad() is { } grad ? grad.to(ScalarType.Float64).data<double>() : new double[p.numel()])
            .ToArray();
    }

    /// <summary>max |a - b| over every element, divided by max |b| (so rounding of large gradients is fair).</summary>
    public static double RelativeDifference(double[][] a, double[][] b)
    {
        double diff = 0, scale = 0;
        for (var i = 0; i < a.Length; i++)
            for (var j = 0; j < a[i].Length; j++)
            {
                diff = Math.Max(diff, Math.Abs(a[i][j] - b[i][j]));
                scale = Math.Max(scale, Math.Abs(b[i][j]));
            }
        return scale == 0 ? double.PositiveInfinity : diff / scale;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
