namespace VaeSweep.Core.Training;

/// <summary>How training ended; <see cref="ReachedRung"/>: it stopped, checkpointed, at the epoch it was asked to stop
/// at (a rung of successive halving) before its last.</summary>
public enum TrainingOutcome { Finished, Diverged, Interrupted, ReachedRung }

public sealed record TrainingResult(TrainingOutcome Outcome, string? Reason, int EpochsDone, double Seconds);
