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
        return null;
    }
}
