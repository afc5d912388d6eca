using VaeSweep.Core.Config;

namespace VaeSweep.Core.Scheduling;

/// <summary>Training is over and the importance-sampled evaluation began, with <paramref name="K"/> samples.</summary>
public sealed record EvaluationStarted(RunKey RunKey, string Axes, int K) : RunEvent(RunKey, Axes);
