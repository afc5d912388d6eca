using VaeSweep.Core.Runs;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Scheduling;

/// <summary>The run ended as <see cref="RunState.Failed"/> or <see cref="RunState.Diverged"/>, with the recorded
/// reason; the sweep goes on.</summary>
public sealed record RunFailed(RunKey RunKey, string Axes, RunState State, string Reason) : RunEvent(RunKey, Axes);
