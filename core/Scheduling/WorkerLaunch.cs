using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Scheduling;

/// <summary>What a worker process is told: which store and sweep, which device, and its name.</summary>
public sealed record WorkerLaunch(string StorePath, long SweepId, Device Device, int Threads, TimeSpan Lease, string Name);
