namespace VaeSweep.Core.Sweeps;

public enum RunOutcome { Completed, Failed, Diverged, Interrupted, LeaseLost }
