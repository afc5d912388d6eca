namespace VaeSweep.Core.Training;

public enum TrainingOutcome { Finished, Diverged, Interrupted }

public sealed record TrainingResult(TrainingOutcome Outcome, string? Reason, int EpochsDone, double Seconds);
