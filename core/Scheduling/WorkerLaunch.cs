using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Scheduling;

/// <summary>What a worker is told: which store and sweep, which device, and its name.</summary>
/// <param name="Pack">The most runs it trains together in one packed step (<see cref="PackWidth"/>).</param>
public sealed record WorkerLaunch(string StorePath, long SweepId, Device Device, int Threads, TimeSpan Lease, string Name,
    int Pack = 1)
{
    /// <summary>Whether runs train in the packed engine, even one alone in its pack: true wherever packing was asked
    /// for, so that a slot narrowed to packs of one after running out of memory keeps giving its runs the same bits.
    /// False (`--pack 1`) trains each run in the lone engine, whose results agree with a pack's to rounding.</summary>
    public bool Packed { get; init; } = Pack > 1;

    /// <summary>The store whose run folders hold the runs' files, or null for <see cref="StorePath"/>'s own: a Slurm
    /// array task's part lives on the node's local disk, its checkpoints beside the main store on the shared
    /// folder.</summary>
    public string? FilesBeside { get; init; }
}
