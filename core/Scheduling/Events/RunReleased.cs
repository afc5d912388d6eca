using VaeSweep.Core.Config;

namespace VaeSweep.Core.Scheduling;

/// <summary>The run was given back unfinished (a stop, a dead holder): the next claim resumes it from its last
/// checkpoint.</summary>
public sealed record RunReleased(RunKey RunKey, string Axes, string Reason) : RunEvent(RunKey, Axes);
