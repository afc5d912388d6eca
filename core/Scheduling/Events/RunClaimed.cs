using VaeSweep.Core.Config;

namespace VaeSweep.Core.Scheduling;

/// <summary>A worker took the run: it trains from <paramref name="FirstEpoch"/> (0 for a fresh run, more when it
/// resumes from a checkpoint), or only re-runs its evaluation when training had already finished.</summary>
/// <param name="Epochs">Epochs the run trains for in all.</param>
/// <param name="Pack">How many runs train together with it in one packed step; 1 alone.</param>
public sealed record RunClaimed(RunKey RunKey, string Axes, int FirstEpoch, int Epochs, int Pack = 1) : RunEvent(RunKey, Axes);
