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

    /// <summary>A sweep file loaded and expanded: a file is good only when both succeed.</summary>
    public static Plan LoadFile(string path) => Expand(ConfigLoader.LoadFile(path));

    /// <inheritdoc cref="LoadFile"/>
    public static Plan LoadString(string text, string sourceName) => Expand(ConfigLoader.LoadString(text, sourceName));

    public static Plan Expand(SweepConfig sweep)
    {
        var zipLength = sweep.Zip.Count > 0 ? sweep.Zip[0].Values.Count : 1;
        var combinations = CountCombinations(sweep, zipLength);

        // Count first, from axis values alone, so an oversized plan is refused before any config is built.
        var kept = Combinations(sweep, combinations, zipLength).Count(a => !IsExcluded(sweep, a));
        if (kept > MaxRuns)
            throw new ConfigException(sweep.SourceName, sweep.Location, null,
                $"the sweep plans {kept} runs, more than the limit of {MaxRuns}; split it or narrow the grid");

        var runs = new List<RunSpec>();
        var byKey = new Dictionary<RunKey, RunSpec>();
        var excluded = 0;
        foreach (var assignment in Combinations(sweep, combinations, zipLength))
        {
            if (IsExcluded(sweep, assignment))
            {
                excluded++;
                continue;
            }
            var config = assignment.Aggregate(sweep.Base, (c, a) => ConfigKeys.ByPath[a.Key].Set(c, a.Value.Value));
            CheckRules(sweep, config, assignment);

            var run = new RunSpec(config, assignment.Select(a => new KeyValuePair<string, string>(a.Key, a.Value.Display)).ToList(),
                CanonicalConfig.ToJson(config));
            if (byKey.TryGetValue(run.Key, out var twin))
            {
                // Grid values are distinct, so only repeated zip tuples get here, or values of a key that does not
                // apply to the run (objective.temperature crossed with a Gaussian posterior); point at the first axis.
                var at = assignment.Count > 0 ? assignment[0].Value.Location : sweep.Location;
                throw new ConfigException(sweep.SourceName, at, null,
                    $"two runs resolve to the same configuration: {Describe(twin)} and {Describe(run)} (run key {run.Key})");
            }
            byKey.Add(run.Key, run);
            runs.Add(run);
        }
        // An empty axis is refused where it is read; excludes can empty a plan just as well, and a sweep of no
        // runs would still create a store and report success.
        if (runs.Count == 0 && excluded > 0)
            throw new ConfigException(sweep.SourceName, sweep.Excludes[^1].Location, "exclude",
                $"the excludes remove every run of the grid ({excluded} of {excluded}): the sweep would plan no runs");
        RefuseKeysThatApplyToNoRun(sweep, runs);
        HalvingCheck.Check(sweep, runs);
        return new Plan(sweep, runs, excluded);
    }

    // A key that applies to no run (objective.temperature in a sweep of Gaussian runs) would be silently ignored.
    private static void RefuseKeysThatApplyToNoRun(SweepConfig sweep, List<RunSpec> runs)
    {
        foreach (var key in ConfigKeys.All.Where(k => k.OnlyFor is not null))
        {
            if (runs.Any(r => key.AppliesTo(r.Config))) continue;
            var axis = sweep.Axes.FirstOrDefault(a => a.Path == key.Path);
            if (axis is null && !sweep.BaseLocations.ContainsKey(key.Path)) continue;
            throw new ConfigException(sweep.SourceName, axis?.Location ?? sweep.BaseLocations[key.Path], key.Path,
                $"{key.Path} applies only with {key.OnlyFor!.Description}, which no run of this sweep has");
        }
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

    // Every combination in plan order: zip values first (one compound axis, the slowest), then grid axes in
    // file order, the last turning fastest.
    private static IEnumerable<List<KeyValuePair<string, AxisValue>>> Combinations(SweepConfig sweep, long combinations, int zipLength)
    {
        var grid = sweep.Grid;
        var indices = new int[grid.Count];
        var perZipValue = combinations / zipLength;
        for (long n = 0; n < combinations; n++)
        {
            yield return Assign(sweep, (int)(n / perZipValue), indices);
            Advance(indices, grid);
        }
    }

    private static bool IsExcluded(SweepConfig sweep, List<KeyValuePair<string, AxisValue>> assignment)
    {
        if (sweep.Excludes.Count == 0) return false;
        var shown = assignment.ToDictionary(a => a.Key, a => a.Value.Display, StringComparer.Ordinal);
        return sweep.Excludes.Any(rule => rule.Matches(shown));
    }

    private static List<KeyValuePair<string, AxisValue>> Assign(SweepConfig sweep, int zipIndex, int[] indices)
    {
        var grid = sweep.Grid;
        var assignment = sweep.Zip.Select(a => new KeyValuePair<string, AxisValue>(a.Path, a.Values[zipIndex])).ToList();
        for (var i = 0; i < grid.Count; i++)
            assignment.Add(new(grid[i].Path, grid[i].Values[indices[i]]));
        return assignment;
    }

    // An odometer over the grid axes: the last axis turns fastest.
    private static void Advance(int[] indices, IReadOnlyList<SweepAxis> grid)
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
        var fromAxis = violation.Involved.SelectMany(path => assignment.Where(a => a.Key == path)).Select(a => a.Value.Location);
        var fromBase = violation.Involved.Where(sweep.BaseLocations.ContainsKey).Select(path => sweep.BaseLocations[path]);
        var location = fromAxis.Concat(fromBase).DefaultIfEmpty(sweep.Location).First();
        var context = assignment.Count == 0 ? "" : " in the run with " + string.Join(", ", assignment.Select(a => $"{a.Key}: {a.Value.Display}"));
        throw new ConfigException(sweep.SourceName, location, violation.Path, violation.Message + context);
    }

    private static string Describe(RunSpec run) =>
        run.Axes.Count == 0 ? "the base run" : "{" + string.Join(", ", run.Axes.Select(a => $"{a.Key}: {a.Value}")) + "}";
}
