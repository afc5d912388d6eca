using VaeSweep.Core.Config;

namespace VaeSweep.Core.Planning;

/// <summary>The runs a sweep expands to, in plan order (zip slowest, then grid axes, last axis fastest).</summary>
public sealed class Plan
{
    internal Plan(SweepConfig sweep, IReadOnlyList<RunSpec> runs, int excluded)
    {
        Sweep = sweep;
        Runs = runs;
        Excluded = excluded;
    }

    public SweepConfig Sweep { get; }

    public IReadOnlyList<RunSpec> Runs { get; }

    /// <summary>How many axis combinations the exclude rules dropped.</summary>
    public int Excluded { get; }
}
