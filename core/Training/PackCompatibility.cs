using VaeSweep.Core.Config;

namespace VaeSweep.Core.Training;

/// <summary>
/// Which runs may share a pack: every tensor of the step must have the same shape in each, so the same data set and
/// split, architecture, latent size, posterior, batch size, epochs and k at every epoch. Everything else (seed,
/// binarisation, beta and warm-up, objective kind and KL estimator, learning rate and its schedule, Adam's betas
/// and eps, the Gumbel-softmax temperature and its annealing, checkpoint and evaluation settings) stays per run. M2 runs
/// are not packed at all.
/// </summary>
public static class PackCompatibility
{
    /// <summary>Null when <paramref name="config"/>'s run may be packed at all, else why not.</summary>
    public static string? Unpackable(RunConfig config) =>
        config.Objective.Kind == ObjectiveKind.M2
            ? "objective.kind: m2 is not packed (a pack has no classifier and no labelled batches); train such runs alone"
            : null;

    /// <summary>Null when <paramref name="other"/> can join a pack with <paramref name="first"/>, else why not.</summary>
    public static string? Conflict(RunConfig first, RunConfig other)
    {
        var (a, b) = (first, other);
        if ((Unpackable(a) ?? Unpackable(b)) is { } unpackable) return unpackable;
        if (a.Data.Dataset != b.Data.Dataset || a.Data.Path != b.Data.Path || !a.Data.Classes.SequenceEqual(b.Data.Classes)
            || a.Data.Validation != b.Data.Validation || a.Data.TrainLimit != b.Data.TrainLimit
            || a.Data.TestLimit != b.Data.TestLimit)
            return "data set or split differs";
        if (a.Model.Latent != b.Model.Latent || !a.Model.Encoder.SequenceEqual(b.Model.Encoder)
            || !a.Model.Decoder.SequenceEqual(b.Model.Decoder) || !a.Model.EncoderConv.SequenceEqual(b.Model.EncoderConv)
            || !a.Model.DecoderConv.SequenceEqual(b.Model.DecoderConv) || a.Model.Activation != b.Model.Activation
            || a.Model.SharedFirstLayer != b.Model.SharedFirstLayer || a.Model.Posterior != b.Model.Posterior
            || (a.Model.Posterior == PosteriorKind.Categorical && a.Model.Categories != b.Model.Categories))
            return "model architecture differs";
        if (a.Training.BatchSize != b.Training.BatchSize) return "batch size differs";
        if (a.Training.Epochs != b.Training.Epochs) return "epochs differ";
        for (var epoch = 0; epoch < a.Training.Epochs; epoch++)
            if (Schedules.KAt(a.Objective, epoch) != Schedules.KAt(b.Objective, epoch))
                return $"k differs at epoch {epoch}";
        return null;
    }
}
