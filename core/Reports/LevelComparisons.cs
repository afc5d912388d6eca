namespace VaeSweep.Core.Reports;

/// <summary>
/// Along a <c>--by</c> axis: each level minus the reference level where runs differ only in that axis (and the seed,
/// which pairs them). A pivot cell's interval holds the spread between seeds and test points that both levels share;
/// the paired difference removes it.
/// </summary>
internal static class LevelComparisons
{
    /// <summary>The differences along <paramref name="axis"/>, or null when it has fewer than two levels.</summary>
    public static AxisDifferences? Compare(IReadOnlyList<ReportRow> rows, string axis, IReadOnlyList<string> varyingAxes,
        ReportMetric metric)
    {
        var inPlanOrder = rows.OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Run.Position).ToList();
        var levels = AxisValueOrder.Sort(inPlanOrder.Select(r => r.Axes[axis]));
        if (levels.Count < 2) return null;
        var reference = levels[0];
        var settingAxes = varyingAxes.Where(a => a != axis && a != "seed").ToList();
        var result = new List<LevelDifference>();
        foreach (var setting in inPlanOrder.GroupBy(r => ConfigJsonPaths.Without(r.Run.ConfigJson, axis, "seed")))
        {
            var baseline = setting.Where(r => r.Axes[axis] == reference).ToList();
            if (baseline.Count == 0) continue;
            var labels = settingAxes.Select(a => KeyValuePair.Create(a, setting.First().Axes[a])).ToList();
            foreach (var level in levels.Skip(1))
            {
                var members = setting.Where(r => r.Axes[axis] == level).ToList();
                var pairs = PairedDifference.BySeed(members, baseline, metric);
                if (pairs.Count == 0) continue;
                var (difference, method) = PairedDifference.Of(pairs, metric);
                result.Add(new LevelDifference(labels, level, pairs.Count,
                    pairs.Average(p => metric.Rankable(p.A)!.Value), pairs.Average(p => metric.Rankable(p.B)!.Value),
                    difference, method, members.Count + baseline.Count - 2 * pairs.Count));
            }
        }
        return new AxisDifferences(axis, reference, result);
    }
}
