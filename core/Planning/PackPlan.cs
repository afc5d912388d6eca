using VaeSweep.Core.Runs;
using VaeSweep.Core.Training;

namespace VaeSweep.Core.Planning;

/// <summary>
/// The packs a sweep's runs train in (`plan` shows them): formed as workers claim them, the first run still to do
/// in plan order and the next ones that may share its pack (<see cref="PackCompatibility"/>), up to the width.
/// Runs given back or finished at different times may re-form other packs; a run's numbers do not depend on which.
/// </summary>
/// <param name="PackOfRun">Per planned run, in plan order: its pack's number from 1, or null when it has nothing
/// left to train.</param>
public sealed record PackPlan(int Width, IReadOnlyList<int?> PackOfRun)
{
    public static PackPlan Form(Plan plan, int width, Func<RunSpec, bool> toTrain)
    {
        var packOf = new int?[plan.Runs.Count];
        // As workers would claim them: each pack from the runs no earlier pack took.
        var left = Enumerable.Range(0, plan.Runs.Count).Where(i => toTrain(plan.Runs[i])).ToList();
        for (var packs = 1; left.Count > 0; packs++)
        {
            var pack = PackFormation.Next(left, width,
                (first, other) => PackCompatibility.Conflict(plan.Runs[first].Config, plan.Runs[other].Config) is null);
            foreach (var i in pack) packOf[i] = packs;
            left = left.Except(pack).ToList();
        }
        return new PackPlan(width, packOf);
    }

    public int Count => PackOfRun.Max() ?? 0;

    /// <summary>One line: how many packs of which widths, e.g. "packs: 2 of up to 8 runs (8, 3)".</summary>
    public string Describe()
    {
        if (Width == 1) return "packs: none (--pack 1: each run trains alone)";
        var sizes = PackOfRun.OfType<int>().GroupBy(p => p).OrderBy(g => g.Key).Select(g => g.Count()).ToList();
        return sizes.Count == 0
            ? "packs: none (nothing left to train)"
            : $"packs: {sizes.Count} of up to {Width} runs ({string.Join(", ", sizes)})";
    }
}
