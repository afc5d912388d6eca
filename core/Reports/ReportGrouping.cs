using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;


namespace VaeSweep.Core.Reports;

/// <summary>Groups rows by the <c>--by</c> axes into a pivot of 95% t-intervals.</summary>
internal static class ReportGrouping
{
    public static PivotTable Pivot(IReadOnlyList<ReportRow> rows, IReadOnlyList<string> by,
        IReadOnlyList<string> varyingAxes, ReportMetric metric)
    {
        var rowAxes = by.Count == 1 ? by : by.Take(by.Count - 1).ToList();
        string? columnAxis = by.Count == 1 ? null : by[^1];
        var rowKeys = SortedKeys(rows, rowAxes);
        IReadOnlyList<string> columnKeys = columnAxis is null ? [""] : AxisValueOrder.Sort(rows.Select(r => r.Axes[columnAxis]));

        var cells = rowKeys.Select(rowKey => (IReadOnlyList<PivotCell?>)columnKeys.Select(columnKey =>
        {
            var members = rows.Where(r => Matches(r, rowAxes, rowKey)
                && (columnAxis is null || r.Axes[columnAxis] == columnKey)).ToList();
            return members.Count == 0 ? null : Cell(members, metric);
        }).ToList()).ToList();

        var pooled = varyingAxes.Where(a => !by.Contains(a)).ToList();
        var parameters = rowKeys.Select(rowKey =>
        {
            var counts = rows.Where(r => Matches(r, rowAxes, rowKey)).Select(r => ParameterCount.Of(r.Config)).ToList();
            return (counts.Min(), counts.Max());
        }).ToList();
        return new PivotTable(rowAxes, columnAxis, rowKeys, columnKeys, cells, pooled, parameters);
    }

    /// <summary>One cell: the mean of the rankable runs; broken and unfinished ones only counted.</summary>
    public static PivotCell Cell(IReadOnlyList<ReportRow> members, ReportMetric metric)
    {
        var values = members.Select(metric.Rankable).OfType<double>().ToList();
        var broken = members.Count(r => r.Run.State is RunState.Failed or RunState.Diverged
            || (r.Run.State == RunState.Completed && metric.Rankable(r) is null));
        var unfinished = members.Count(r => r.Run.State is RunState.Pending or RunState.Running or RunState.Evaluating);
        return new PivotCell(values.Count == 0 ? null : TDistribution.Interval(values), broken, unfinished);
    }

    private static bool Matches(ReportRow row, IReadOnlyList<string> axes, IReadOnlyList<string> key) =>
        axes.Select((a, i) => row.Axes[a] == key[i]).All(x => x);

    // Tuples ordered axis by axis, each axis in its own value order (numeric where it can be).
    private static List<IReadOnlyList<string>> SortedKeys(IReadOnlyList<ReportRow> rows, IReadOnlyList<string> axes)
    {
        var orders = axes.Select(a => AxisValueOrder.Sort(rows.Select(r => r.Axes[a])).ToList()).ToList();
        return rows
            .Select(r => (IReadOnlyList<string>)axes.Select(a => r.Axes[a]).ToList())
            .DistinctBy(k => string.Join("\u0001", k))
            .OrderBy(k => k, Comparer<IReadOnlyList<string>>.Create((x, y) =>
            {
                for (var i = 0; i < x.Count; i++)
                {
                    var c = orders[i].IndexOf(x[i]).CompareTo(orders[i].IndexOf(y[i]));
                    if (c != 0) return c;
                }
                return 0;
            }))
            .ToList();
    }
}
