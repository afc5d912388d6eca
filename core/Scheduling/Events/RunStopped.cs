using VaeSweep.Core.Config;

namespace VaeSweep.Core.Scheduling;

/// <summary>Successive halving stopped the run at a rung (<see cref="Runs.RunState.Stopped"/>); the reason says
/// where it ranked.</summary>
public sealed record RunStopped(RunKey RunKey, string Axes, string Reason) : RunEvent(RunKey, Axes);
