using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Scheduling;

/// <summary>The run ended as <see cref="RunState.Failed"/> or <see cref="RunState.Diverged"/>, with the recorded
/// reason; the sweep goes on.</summary>
public sealed record RunFailed(string RunKey, string Axes, RunState State, string Reason) : RunEvent(RunKey, Axes);
