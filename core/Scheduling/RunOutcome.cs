namespace VaeSweep.Core.Scheduling;

/// <summary>How one claim of a run ended; <see cref="Parked"/>: it reached a halving rung and waits there.</summary>
public enum RunOutcome { Completed, Failed, Diverged, Interrupted, LeaseLost, Parked }
