using VaeSweep.Core.Config;

namespace VaeSweep.Core.Planning;

/// <summary>Refuses a <c>schedule.halving</c> rule that cannot work for the runs a sweep plans, before anything is
/// written: ranking needs a validation split, and every run trains the same epochs, and a rung needs an
/// epoch before the last.</summary>
internal static class HalvingCheck
{
    public static void Check(SweepConfig sweep, IReadOnlyList<RunSpec> runs)
    {
        if (sweep.Halving is not { } rule) return;
        if (runs.FirstOrDefault(r => r.Config.Data.Validation == 0) is { } blind)
            throw new ConfigException(sweep.SourceName, rule.Location, "schedule.halving",
                $"schedule.halving ranks runs by their validation bound, but {Name(blind)} has data.validation: 0; " +
                "hold out a validation split (data.validation > 0) or remove schedule.halving");
        // The decision ranks runs at one rung epoch against each other, which only means something at equal budgets.
        if (runs.FirstOrDefault(r => r.Config.Training.Epochs != runs[0].Config.Training.Epochs) is { } other)
            throw new ConfigException(sweep.SourceName, rule.Location, "schedule.halving",
                $"schedule.halving ranks runs at the same epochs, but {Name(other)} trains {other.Config.Training.Epochs} epochs " +
                $"and {Name(runs[0])} {runs[0].Config.Training.Epochs}; give every run the same training.epochs");
        if (runs.FirstOrDefault(r => !rule.Rungs(r.Config.Training.Epochs).Any()) is { } short_)
            throw new ConfigException(sweep.SourceName, rule.Location, "schedule.halving.every",
                $"schedule.halving.every is {rule.Every} but {Name(short_)} trains {short_.Config.Training.Epochs} epochs: " +
                "no rung comes before its last epoch; lower schedule.halving.every");
    }

    private static string Name(RunSpec run) =>
        run.Axes.Count == 0 ? "the base run" : "the run with " + string.Join(", ", run.Axes.Select(a => $"{a.Key}: {a.Value}"));
}
