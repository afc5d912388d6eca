namespace VaeSweep.Core.Reports;

/// <summary>Everything a renderer formats: plain data, already sorted, grouped and compared.</summary>
/// <param name="Rows">One per run, best first by <paramref name="Metric"/>; unrankable runs after, in plan order.</param>
/// <param name="Axes">Every axis known across the stores, in first-seen order (tidy exports list them all).</param>
/// <param name="VaryingAxes">The axes whose value differs between rows (tables show only these).</param>
/// <param name="ShowSource">True when the rows come from more than one store or sweep.</param>
/// <param name="Pivot">The grouping by <c>--by</c>, or null.</param>
/// <param name="Comparisons">Null unless comparisons were asked for; empty when no setting has both objectives.</param>
/// <param name="Differences">Per <c>--by</c> axis with two or more levels (the seed aside), each level minus the
/// first at matched settings; empty without <c>--by</c>.</param>
/// <param name="Sources">One line per store and sweep: what it holds, by state.</param>
public sealed record ReportModel(
    IReadOnlyList<ReportRow> Rows,
    IReadOnlyList<string> Axes,
    IReadOnlyList<string> VaryingAxes,
    bool ShowSource,
    ReportMetric Metric,
    PivotTable? Pivot,
    IReadOnlyList<PairedComparison>? Comparisons,
    IReadOnlyList<string> Sources,
    IReadOnlyList<AxisDifferences> Differences);
