using VaeSweep.Core.Config;

namespace VaeSweep.Core.Planning;

/// <summary>Expands a sweep into its runs. Pure: the same sweep always gives the same plan, touching nothing.</summary>
public static class Planner
{
    /// <summary>More runs than this is almost certainly a mistake in the grid, and would take weeks.</summary>
    public const int MaxRuns = 10_000;

    // Combinations are counted before excludes are applied; past this many, excludes cannot plausibly bring the
    // plan under MaxRuns, and enumerating them would itself be slow.
    private const long MaxCombinations = 100L * MaxRuns;

    public static Plan Expand(SweepConfig sweep)
    {
        var axes = new List<SweepAxis>(sweep.Grid);
        var zipLength = sweep.Zip.Count > 0 ? sweep.Zip[0].Values.Count : 1;
        var combinations = CountCombinations(sweep, zipLength);

        var runs = new List<RunSpec>();
        var byKey = new Dictionary<RunKey, RunSpec>();
        var excluded = 0;
        var indices = new int[axes.Count];
        for (long n = 0; n < combinations; n++)
        {
            var zipIndex = (int)(n / (combinations / zipLength));
            var assignment = Assign(sweep, axes, zipIndex, indices);
            Advance(indices, axes);

            var shown = assignment.ToDictionary(a => a.Key, a => a.Value.Display, StringComparer.Ordinal);
            if (sweep.Excludes.Any(rule => rule.Matches(shown)))
            {
                excluded++;
                continue;
            }
            var config = assignment.Aggregate(sweep.Base, (c, a) => ConfigKeys.ByPath[a.Key].Set(c, a.Value.Value));
            CheckRules(sweep, config, assignment);

            var run = new RunSpec(config, assignment.Select(a => new KeyValuePair<string, string>(a.Key, a.Value.Display)).ToList(),
                CanonicalConfig.ToJson(config));
            if (byKey.TryGetValue(run.Key, out var twin))
                throw new ConfigException(sweep.SourceName, sweep.Location, null,
                    $"two runs resolve to the same configuration (run key {run.Key}): {Describe(twin)} and {Describe(run)}");
            byKey.Add(run.Key, run);
            runs.Add(run);
            if (runs.Count > MaxRuns)
                throw new ConfigException(sweep.SourceName, sweep.Location, null,
                    $"the sweep plans more than {MaxRuns} runs; split it or narrow the grid");
        }
        return new Plan(sweep, runs, excluded);
    }

    private static long CountCombinations(SweepConfig sweep, int zipLength)
    {
        long count = zipLength;
        foreach (var axis in sweep.Grid)
        {
            count *= axis.Values.Count;
            if (count > MaxCombinations)
                throw new ConfigException(sweep.SourceName, axis.Location, axis.Path,
                    $"the grid expands to more than {MaxCombinations} combinations (limit {MaxRuns} runs); narrow it");
        }
        return count;
    }

    // Zip values first (one compound axis, the slowest), then grid axes in file order.
    private static List<KeyValuePair<string, AxisValue>> Assign(SweepConfig sweep, List<SweepAxis> grid, int zipIndex, int[] indices)
    {
        var assignment = sweep.Zip.Select(a => new KeyValuePair<string, AxisValue>(a.Path, a.Values[zipIndex])).ToList();
        for (var i = 0; i < grid.Count; i++)
            assignment.Add(new(grid[i].Path, grid[i].Values[indices[i]]));
        return assignment;
    }

    // An odometer over the grid axes: the last axis turns fastest.
    private static void Advance(int[] indices, List<SweepAxis> grid)
    {
        for (var i = grid.Count - 1; i >= 0; i--)
        {
            if (++indices[i] < grid[i].Values.Count) return;
            indices[i] = 0;
        }
    }

    private static void CheckRules(SweepConfig sweep, RunConfig config, List<KeyValuePair<string, AxisValue>> assignment)
    {
        if (RunConfigRules.Check(config) is not { } violation) return;
        // Point at the value that caused it: an axis value if one is involved, else the base key, else the sweep.
        var location = violation.Involved
            .Select(path => assignment.FirstOrDefault(a => a.Key == path).Value?.Location
                            ?? (sweep.BaseLocations.TryGetValue(path, out var at) ? at : (SourceLocation?)null))
            .FirstOrDefault(l => l is not null) ?? sweep.Location;
        var context = assignment.Count == 0 ? "" : " in the run with " + string.Join(", ", assignment.Select(a => $"{a.Key}: {a.Value.Display}"));
        throw new ConfigException(sweep.SourceName, location, violation.Path, violation.Message + context);
    }

    private static string Describe(RunSpec run) =>
        run.Axes.Count == 0 ? "the base run" : "{" + string.Join(", ", run.Axes.Select(a => $"{a.Key}: {a.Value}")) + "}";
}
