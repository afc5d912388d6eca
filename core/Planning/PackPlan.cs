using VaeSweep.Core.Runs;
using VaeSweep.Core.Training;

namespace VaeSweep.Core.Planning;

/// <summary>
/// The packs a sweep's runs train in (`plan` shows them): formed as workers claim them, the first run still to do
/// in plan order and the next ones that may share its pack (<see cref="PackCompatibility"/>), up to the width.
/// Runs given back or finished at different times may re-form other packs; a run's numbers do not depend on which.
/// </summary>
/// <param name="Cap">The most runs in a pack (`--pack`).</param>
/// <param name="Workers">How many workers start on the runs: the packs are spread over them as `run` spreads them
/// (<see cref="Spread"/>), at most one per run.</param>
/// <param name="Width">The width the packs are formed with: <paramref name="Cap"/>, or narrower to keep the workers
/// busy.</param>
/// <param name="PackOfRun">Per planned run, in plan order: its pack's number from 1, or null when it has nothing
/// left to train.</param>
public sealed record PackPlan(int Cap, int Workers, int Width, IReadOnlyList<int?> PackOfRun)
{
    public static PackPlan Form(Plan plan, int cap, Func<RunSpec, bool> toTrain, int workers = 1)
    {
        var toDo = Enumerable.Range(0, plan.Runs.Count).Where(i => toTrain(plan.Runs[i])).ToList();
        workers = Math.Max(1, Math.Min(workers, toDo.Count));
        var width = workers == 1 ? cap : Spread(toDo.Count, workers, cap);
        var packs = PackAt(cap);
        if (width == cap) return new PackPlan(cap, workers, cap, packs);
        // Narrower only where the spread changes a pack: a sweep whose shapes already give each worker a pack says so.
        var spread = PackAt(width);
        return spread.SequenceEqual(packs) ? new PackPlan(cap, workers, cap, packs) : new PackPlan(cap, workers, width, spread);

        int?[] PackAt(int width)
        {
            var packOf = new int?[plan.Runs.Count];
            // As workers would claim them: each pack from the runs no earlier pack took.
            var left = toDo;
            for (var number = 1; left.Count > 0; number++)
            {
                var pack = PackFormation.Next(left, width,
                    (first, other) => PackCompatibility.Conflict(plan.Runs[first].Config, plan.Runs[other].Config) is null);
                foreach (var i in pack) packOf[i] = number;
                left = left.Except(pack).ToList();
            }
            return packOf;
        }
    }

    /// <summary>
    /// The width each of <paramref name="workers"/> workers starting together takes for <paramref name="runs"/>
    /// runs: the runs spread evenly, so that two workers train packs of four and three rather than one a pack of
    /// seven while a core idles; <paramref name="cap"/> (`--pack`) stays the most. `run` starts its workers with it and
    /// `plan` shows its packs.
    /// </summary>
    public static int Spread(int runs, int workers, int cap)
    {
        workers = Math.Max(1, workers);
        return Math.Clamp((runs + workers - 1) / workers, 1, cap);
    }

    public int Count => PackOfRun.Max() ?? 0;

    /// <summary>One line: how many packs of which widths, e.g. "packs: 2 of up to 8 runs (8, 3)".</summary>
    public string Describe()
    {
        if (Cap == 1) return "packs: none (--pack 1: each run trains alone)";
        var sizes = PackOfRun.OfType<int>().GroupBy(p => p).OrderBy(g => g.Key).Select(g => g.Count()).ToList();
        if (sizes.Count == 0) return "packs: none (nothing left to train)";
        if (Width == 1) return $"packs: none ({Workers} workers take a run each)";
        var line = $"packs: {sizes.Count} of up to {Width} runs ({string.Join(", ", sizes)})";
        return Width < Cap ? $"{line}, narrower than {Cap} to share the runs among {Workers} workers" : line;
    }
}
