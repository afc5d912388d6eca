namespace VaeSweep.Core.Reports;

/// <summary>
/// The mean difference between two sets of runs paired by seed (each pair equal in every config value but the one
/// compared), with its 95% interval and the words for how the interval was obtained. The one rule behind
/// <c>report --compare</c> and the paired differences of <c>report --by</c>.
/// </summary>
internal static class PairedDifference
{
    /// <summary>How the method column chooses, for the notes under every table that has one.</summary>
    public const string MethodNote =
        "method: paired t over seeds where several exist; with one seed, paired over shared test points where both runs "
        + "stored per-point values, else unpaired (1.96 x combined SE; runs evaluated before schema 2 need re-evaluation to pair)";

    /// <summary>The mean of <c>A - B</c> over the pairs and its 95% interval, and how the interval was obtained.</summary>
    public static (MeanInterval Difference, string Method) Of(IReadOnlyList<(ReportRow A, ReportRow B)> pairs,
        ReportMetric metric)
    {
        var differences = pairs.Select(p => metric.Rankable(p.A)!.Value - metric.Rankable(p.B)!.Value).ToList();
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
        var (a, b) = (metric.StandardError?.Invoke(pairs[0].A), metric.StandardError?.Invoke(pairs[0].B));
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
    /// A minus B point by point, or null unless both runs stored per-point values on the same points (equal
    /// identity and count, at least two): runs evaluated before schema 2 have none, and were measured on bits of
    /// their own seed.
    /// </summary>
    public static List<double>? PointDifferences((ReportRow A, ReportRow B) pair, ReportMetric metric)
    {
        if (metric.PerPoint?.Invoke(pair.A) is not { } a || metric.PerPoint(pair.B) is not { } b) return null;
        if (a.Points != b.Points || a.LogLikelihoods.Count != b.LogLikelihoods.Count || a.LogLikelihoods.Count < 2)
            return null;
        var differences = a.LogLikelihoods.Zip(b.LogLikelihoods, (x, y) => x - y).ToList();
        return differences.All(double.IsFinite) ? differences : null;
    }

    /// <summary>Each run of <paramref name="a"/> with the run of <paramref name="b"/> at the same seed, where both
    /// have a rankable value.</summary>
    public static List<(ReportRow A, ReportRow B)> BySeed(IReadOnlyList<ReportRow> a, IReadOnlyList<ReportRow> b,
        ReportMetric metric) => a
        .Select(x => (A: x, B: b.FirstOrDefault(y => y.Config.Seed == x.Config.Seed)))
        .Where(p => p.B is not null && metric.Rankable(p.A) is not null && metric.Rankable(p.B) is not null)
        .Select(p => (p.A, p.B!))
        .ToList();
}
