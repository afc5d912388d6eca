using VaeSweep.Core.Config;

namespace VaeSweep.Core.Reports;

/// <summary>
/// IWAE minus VAE at matched settings: runs whose configs are equal except for the objective and the seed.
/// Seeds pair the runs, so seed-to-seed variation common to both objectives cancels.
/// </summary>
internal static class ReportComparisons
{
    public static List<PairedComparison> Compare(IReadOnlyList<ReportRow> rows, IReadOnlyList<string> varyingAxes,
        ReportMetric metric)
    {
        var settingAxes = varyingAxes.Where(a => a is not ("objective.kind" or "seed")).ToList();
        var result = new List<PairedComparison>();
        foreach (var setting in rows.GroupBy(r => r.ComparisonKey))
        {
            var iwae = setting.Where(r => r.Config.Objective.Kind == ObjectiveKind.Iwae).ToList();
            var vae = setting.Where(r => r.Config.Objective.Kind == ObjectiveKind.Vae).ToList();
            if (iwae.Count == 0 || vae.Count == 0) continue;

            var pairs = iwae
                .Select(i => (Iwae: i, Vae: vae.FirstOrDefault(v => v.Config.Seed == i.Config.Seed)))
                .Where(p => p.Vae is not null && metric.Rankable(p.Iwae) is not null && metric.Rankable(p.Vae) is not null)
                .Select(p => (Iwae: p.Iwae, Vae: p.Vae!))
                .ToList();
            if (pairs.Count == 0) continue;
            var unpaired = iwae.Count + vae.Count - 2 * pairs.Count;
            var first = setting.First();
            var labels = settingAxes.Select(a => KeyValuePair.Create(a, first.Axes[a])).ToList();
            var (difference, method) = Difference(pairs, metric);
            result.Add(new PairedComparison(labels, pairs.Count,
                pairs.Average(p => metric.Rankable(p.Iwae)!.Value), pairs.Average(p => metric.Rankable(p.Vae)!.Value),
                difference, method, unpaired));
        }
        return result;
    }

    /// <summary>The mean difference and its 95% interval, and how the interval was obtained.</summary>
    public static (MeanInterval Difference, string Method) Difference(
        IReadOnlyList<(ReportRow Iwae, ReportRow Vae)> pairs, ReportMetric metric)
    {
        var differences = pairs.Select(p => metric.Rankable(p.Iwae)!.Value - metric.Rankable(p.Vae)!.Value).ToList();
        // Several seeds: the seed-level interval, which holds training noise as well as test-set noise.
        if (pairs.Count >= 2)
            return (TDistribution.Interval(differences), $"paired t over {pairs.Count} seeds");
        if (PointDifferences(pairs[0], metric) is { } perPoint)
        {
            // One seed on shared points: the per-point differences' own standard error, free of the point-to-point
            // spread that both runs share.
            var mean = perPoint.Average();
            var se = Math.Sqrt(perPoint.Sum(d => (d - mean) * (d - mean)) / (perPoint.Count - 1) / perPoint.Count);
            return (new MeanInterval(differences[0], TDistribution.Normal975 * se, 1),
                $"paired over {perPoint.Count} shared test points");
        }
        var (a, b) = (metric.StandardError?.Invoke(pairs[0].Iwae), metric.StandardError?.Invoke(pairs[0].Vae));
        if (a is { } sa && b is { } sb && double.IsFinite(sa) && double.IsFinite(sb))
        {
            // Independent test-set estimates: their variances add.
            var se = Math.Sqrt(sa * sa + sb * sb);
            var why = metric.PerPoint is null ? "" : "; unpaired: no per-point values on shared points";
            return (new MeanInterval(differences[0], TDistribution.Normal975 * se, 1), "1.96 x combined SE" + why);
        }
        return (new MeanInterval(differences[0], null, 1), "one pair, no interval");
    }

    /// <summary>
    /// IWAE minus VAE point by point, or null unless both runs stored per-point values on the same points (equal
    /// identity and count, at least two): runs evaluated before schema 2 have none, and were measured on bits of
    /// their own seed.
    /// </summary>
    public static List<double>? PointDifferences((ReportRow Iwae, ReportRow Vae) pair, ReportMetric metric)
    {
        if (metric.PerPoint?.Invoke(pair.Iwae) is not { } a || metric.PerPoint(pair.Vae) is not { } b) return null;
        if (a.Points != b.Points || a.LogLikelihoods.Count != b.LogLikelihoods.Count || a.LogLikelihoods.Count < 2)
            return null;
        var differences = a.LogLikelihoods.Zip(b.LogLikelihoods, (x, y) => x - y).ToList();
        return differences.All(double.IsFinite) ? differences : null;
    }
}
