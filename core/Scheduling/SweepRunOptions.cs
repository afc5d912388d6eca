using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Scheduling;

public sealed record SweepRunOptions
{
    public required string ConfigPath { get; init; }
    /// <summary>Overrides the sweep file's store path.</summary>
    public string? StorePath { get; init; }
    /// <summary>Worker processes per device; null for each device's <see cref="WorkerCount.DefaultFor"/>.</summary>
    public int? Workers { get; init; }
    public IReadOnlyList<Device> Devices { get; init; } = [Device.Cpu];
    /// <summary>libtorch intra-op threads per worker; one is usually fastest for these model sizes.</summary>
    public int Threads { get; init; } = 1;
    /// <summary>The most runs a worker trains together in one packed step; null for each device's
    /// <see cref="PackWidth.DefaultFor"/>, 1 to train every run alone.</summary>
    public int? Pack { get; init; }
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(60);
    public bool RetryFailed { get; init; }
    /// <summary>Run the worker loop inside this process (no isolation; for debugging and tests).</summary>
    public bool InProcess { get; init; }
    /// <summary>How long a worker may take to give its runs back after a stop before it is killed (a worker stuck
    /// in a system call, or swapping under a memory limit, would otherwise hold the sweep forever).</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(30);
}
