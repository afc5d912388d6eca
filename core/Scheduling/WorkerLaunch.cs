using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Scheduling;

/// <summary>What a worker is told: which store and sweep, which device, and its name.</summary>
/// <param name="Pack">The most runs it trains together in one packed step (<see cref="PackWidth"/>); 1 trains
/// each run alone.</param>
public sealed record WorkerLaunch(string StorePath, long SweepId, Device Device, int Threads, TimeSpan Lease, string Name,
    int Pack = 1);
