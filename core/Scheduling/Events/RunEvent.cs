using VaeSweep.Core.Config;

namespace VaeSweep.Core.Scheduling;

/// <summary>An event of one run.</summary>
/// <param name="Axes">The run's axis values as "path=value" pairs joined by ", " (empty for a one-run sweep).</param>
public abstract record RunEvent(RunKey RunKey, string Axes) : SweepEvent;
