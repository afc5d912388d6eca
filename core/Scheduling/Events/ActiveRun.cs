using VaeSweep.Core.Runs;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Scheduling;

/// <summary>A run a worker holds now, as a live view shows it.</summary>
/// <param name="EpochsDone">Epochs recorded so far.</param>
/// <param name="LastEpoch">The latest recorded epoch (loss, k, seconds), null before the first.</param>
/// <param name="Remaining">Training time left at the latest epoch's pace; null while evaluating or before an epoch.</param>
public sealed record ActiveRun(RunKey RunKey, string Axes, RunState State, int EpochsDone, int Epochs,
    EpochRecord? LastEpoch, TimeSpan? Remaining);
