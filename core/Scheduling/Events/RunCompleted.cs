using VaeSweep.Core.Runs;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Scheduling;

/// <summary>The evaluation finished and the run completed: the store records both in one transaction, so they are
/// one event.</summary>
/// <param name="TrainSeconds">Seconds of training, null if the store has none.</param>
public sealed record RunCompleted(RunKey RunKey, string Axes, EvaluationRecord Evaluation, double? TrainSeconds)
    : RunEvent(RunKey, Axes);
