namespace VaeSweep.Core.Reports;

/// <summary>Orders rows by a metric and marks the best; only completed runs with a finite value are ranked.</summary>
internal static class ReportRanking
{
    public static List<ReportRow> Rank(IReadOnlyList<ReportRow> rows, ReportMetric metric)
    {
        var ranked = rows.Where(r => metric.Rankable(r) is not null);
        ranked = metric.HigherIsBetter
            ? ranked.OrderByDescending(r => metric.Rankable(r)!.Value)
            : ranked.OrderBy(r => metric.Rankable(r)!.Value);
        // Stable sorts: ties and unrankable rows keep store order, then plan order.
        var ordered = ranked.Concat(rows.Where(r => metric.Rankable(r) is null)).ToList();
        if (ordered.Count > 0 && metric.Rankable(ordered[0]) is not null) ordered[0] = ordered[0] with { IsBest = true };
        return ordered;
    }
}
