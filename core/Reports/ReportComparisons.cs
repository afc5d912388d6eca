using VaeSweep.Core.Config;

namespace VaeSweep.Core.Reports;

/// <summary>
/// IWAE minus VAE at matched settings: runs whose configs are equal except for the objective and the seed.
/// Seeds pair the runs, so seed-to-seed variation common to both objectives cancels.
/// </summary>
internal static class ReportComparisons
{
    /// <summary>The axis whose two levels this compares.</summary>
    public const string Axis = "objective.kind";

    public static List<PairedComparison> Compare(IReadOnlyList<ReportRow> rows, IReadOnlyList<string> varyingAxes,
        ReportMetric metric)
    {
        var settingAxes = varyingAxes.Where(a => a != Axis && a != "seed").ToList();
        var result = new List<PairedComparison>();
        foreach (var setting in rows.GroupBy(r => r.ComparisonKey))
        {
            var iwae = setting.Where(r => r.Config.Objective.Kind == ObjectiveKind.Iwae).ToList();
            var vae = setting.Where(r => r.Config.Objective.Kind == ObjectiveKind.Vae).ToList();
            if (iwae.Count == 0 || vae.Count == 0) continue;

            var pairs = PairedDifference.BySeed(iwae, vae, metric);
            if (pairs.Count == 0) continue;
            var unpaired = iwae.Count + vae.Count - 2 * pairs.Count;
            var first = setting.First();
            var labels = settingAxes.Select(a => KeyValuePair.Create(a, first.Axes[a])).ToList();
            var (difference, method) = PairedDifference.Of(pairs, metric);
            result.Add(new PairedComparison(labels, pairs.Count,
                pairs.Average(p => metric.Rankable(p.A)!.Value), pairs.Average(p => metric.Rankable(p.B)!.Value),
                difference, method, unpaired));
        }
        return result;
    }
}
