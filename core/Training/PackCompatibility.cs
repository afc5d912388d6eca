using VaeSweep.Core.Config;

namespace VaeSweep.Core.Training;

/// <summary>
/// Which runs may share a pack: every tensor of the step must have the same shape in each, so the same data set and
/// split, architecture, latent size, posterior, batch size, epochs and k at every epoch. Everything else (seed,
/// binarisation, beta and warm-up, objective kind and KL estimator, learning rate and its schedule, Adam's betas
/// and eps, the Gumbel-softmax temperature and its annealing, M2's alpha, checkpoint and evaluation settings) stays per
/// run. M2 runs pack only with M2 runs of the same labelled set.
/// </summary>
public static class PackCompatibility
{
    /// <summary>Null when <paramref name="other"/> can join a pack with <paramref name="first"/>, else why not.</summary>
    public static string? Conflict(RunConfig first, RunConfig other)
    {
        var (a, b) = (first, other);
        // M2 adds a classifier and reads y: its runs pack with M2 runs that have the same labelled examples (which do
        // not depend on the seed), so the same labelled and unlabelled batch shapes and steps per epoch.
        if ((a.Objective.Kind == ObjectiveKind.M2) != (b.Objective.Kind == ObjectiveKind.M2)) return "m2 and another objective";
        if (a.Objective.Kind == ObjectiveKind.M2 && a.Data.Labelled != b.Data.Labelled) return "data.labelled differs";
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
