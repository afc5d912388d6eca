using VaeSweep.Core.Runs;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Scheduling;

/// <summary>An epoch was recorded, with its metrics (<see cref="EpochRecord.Epoch"/> is 0-based).</summary>
/// <param name="Epochs">Epochs the run trains for in all.</param>
public sealed record EpochDone(RunKey RunKey, string Axes, EpochRecord Epoch, int Epochs) : RunEvent(RunKey, Axes);
