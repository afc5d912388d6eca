namespace VaeSweep.Core.Config;

/// <summary>
/// Checks that relate two keys, which can only be judged on a fully resolved run (one key may come from
/// <c>base</c> and the other from an axis). Single-key ranges are checked by each key's type when read.
/// </summary>
internal static class RunConfigRules
{
    /// <summary>A violated rule: the key to blame, every key involved, and the message.</summary>
    public sealed record Violation(string Path, IReadOnlyList<string> Involved, string Message);

    public static Violation? Check(RunConfig config)
    {
        // Bounds for smaller k are read from prefixes of the k evaluation samples, so none can exceed k.
        var tooLarge = config.Evaluation.Ks.Where(k => k > config.Evaluation.K).ToList();
        if (tooLarge.Count > 0)
            return new("evaluation.ks", ["evaluation.ks", "evaluation.k"],
                $"evaluation.ks must not exceed evaluation.k ({config.Evaluation.K}) (got {string.Join(", ", tooLarge)})");

        // Warm-up ramps beta over the first epochs; a ramp longer than training never reaches the intended beta.
        if (config.Objective.WarmupEpochs > config.Training.Epochs)
            return new("objective.warmup_epochs", ["objective.warmup_epochs", "training.epochs"],
                $"objective.warmup_epochs must not exceed training.epochs ({config.Training.Epochs}) (got {config.Objective.WarmupEpochs})");

        var lastStep = config.Objective.KSchedule.Count > 0 ? config.Objective.KSchedule[^1].Epoch : 0;
        if (lastStep >= config.Training.Epochs)
            return new("objective.k_schedule", ["objective.k_schedule", "training.epochs"],
                $"objective.k_schedule has a step at epoch {lastStep}, which never comes: epochs run 0..{config.Training.Epochs - 1}");
        if (config.Objective.Kind == ObjectiveKind.M2 && CheckM2(config) is { } m2) return m2;
        return config.Model.Posterior == PosteriorKind.Categorical ? CheckCategorical(config) : null;
    }

    // Whether data.labelled fits the training split needs the data: Scheduling.DataPreflight checks it before a
    // sweep writes anything.
    private static Violation? CheckM2(RunConfig config)
    {
        const string kind = "objective.kind";
        if (config.Data.Labelled == 0)
            return new("data.labelled", ["data.labelled", kind],
                "objective.kind: m2 needs data.labelled, the number of labelled training examples (a positive integer; got 0)");
        if (config.Data.Dataset == DatasetKind.BinarizedMnist)
            return new("data.dataset", ["data.dataset", kind],
                "objective.kind: m2 needs labels, and data.dataset: binarized-mnist has none; use mnist or mnist-sample");
        if (config.Model.Posterior == PosteriorKind.Categorical)
            return new("model.posterior", ["model.posterior", kind],
                "objective.kind: m2 is built on a Gaussian z (Kingma et al. 2014); model.posterior: categorical is not available with it");
        // Its encoder reads x beside a one-hot y, which a convolution over the 28x28 image has no place for.
        if (config.Model.EncoderConv.Count > 0 || config.Model.DecoderConv.Count > 0)
        {
            var key = config.Model.EncoderConv.Count > 0 ? "model.encoder_conv" : "model.decoder_conv";
            return new(key, [key, kind], $"objective.kind: m2 takes dense networks only (its encoder and decoder read a one-hot y beside x and z); {key} is not available with it");
        }
        return null;
    }

    private static Violation? CheckCategorical(RunConfig config)
    {
        const string posterior = "model.posterior";
        var o = config.Objective;
        // Importance weights need q's density at the sample; the relaxed sample's density (the Concrete's) is not
        // the discrete model's, so an IWAE on it would optimise a bound on a different model than the one evaluated.
        if (o.Kind == ObjectiveKind.Iwae)
            return new("objective.kind", ["objective.kind", posterior],
                "objective.kind: iwae is not available with model.posterior: categorical (the Gumbel-softmax sample has no discrete importance weight); use vae");
        if (o.Kl == KlEstimator.MonteCarlo)
            return new("objective.kl", ["objective.kl", posterior],
                "objective.kl: monte-carlo is not available with model.posterior: categorical (its KL to the uniform prior is exact from the probabilities); use analytic");
        if (config.Model.SharedFirstLayer)
            return new("model.shared_first_layer", ["model.shared_first_layer", posterior],
                "model.shared_first_layer splits a Gaussian's mean and scale networks; model.posterior: categorical has one head of logits");
        if (o.TemperatureEpochs >= config.Training.Epochs)
            return new("objective.temperature_epochs", ["objective.temperature_epochs", "training.epochs"],
                $"objective.temperature_epochs must be less than training.epochs ({config.Training.Epochs}) (got {o.TemperatureEpochs}): the temperature reaches objective.temperature_end at that epoch");
        if (o.TemperatureEpochs > 0 && o.TemperatureEnd > o.Temperature)
            return new("objective.temperature_end", ["objective.temperature_end", "objective.temperature"],
                $"objective.temperature_end must not exceed objective.temperature ({Number(o.Temperature)}) when the temperature is annealed (got {Number(o.TemperatureEnd)})");
        return null;
    }

    private static string Number(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
