namespace VaeSweep.Core.Scheduling;

public enum RunOutcome { Completed, Failed, Diverged, Interrupted, LeaseLost }
