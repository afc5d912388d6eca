namespace VaeSweep.Core.Scheduling;

/// <summary>Where a sweep stands at one poll: counts, epochs, time, and the runs held now.</summary>
/// <param name="Done">Runs that ended (completed, failed or diverged).</param>
/// <param name="Failed">Runs that failed or diverged.</param>
/// <param name="Remaining">Time left for the sweep's remaining epochs at this invocation's pace so far; null before
/// the first epoch of this invocation.</param>
public sealed record SweepSnapshot(int Total, int Done, int Failed, int EpochsDone, int TotalEpochs,
    TimeSpan Elapsed, TimeSpan? Remaining, IReadOnlyList<ActiveRun> Active);
