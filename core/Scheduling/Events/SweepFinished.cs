using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Scheduling;

/// <summary>`vaesweep run` is done with the sweep: every run ended, or a stop was asked
/// (<paramref name="Stopped"/>).</summary>
/// <param name="StorePath">The store that holds the results, as the command line named it.</param>
/// <param name="Counts">Runs of the sweep in each state, every state present.</param>
/// <param name="Failures">Every failed or diverged run of the sweep, also those of earlier invocations.</param>
public sealed record SweepFinished(string StorePath, IReadOnlyDictionary<RunState, int> Counts,
    IReadOnlyList<RunFailed> Failures, bool Stopped) : SweepEvent
{
    public int Unfinished => Counts[RunState.Pending] + Counts[RunState.Running] + Counts[RunState.Evaluating];
}
