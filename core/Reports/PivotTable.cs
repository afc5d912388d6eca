namespace VaeSweep.Core.Reports;

/// <summary>
/// Runs grouped by the <c>--by</c> axes: the leading axes go down, the last one across (with one axis, the
/// metric is the only column). Each cell aggregates every run with those axis values.
/// </summary>
/// <param name="ColumnAxis">Null when grouping by a single axis.</param>
/// <param name="RowKeys">Value tuples of <paramref name="RowAxes"/>, in display order.</param>
/// <param name="ColumnKeys">Values of <paramref name="ColumnAxis"/>; one empty key when there is none.</param>
/// <param name="Cells">By row index, then column index; null where no run has those values.</param>
/// <param name="PooledAxes">Varying axes not grouped by, over which cells pool runs (usually only seed).</param>
/// <param name="RowParameters">By row: the fewest and most trainable parameters of its runs (equal unless the row
/// pools different architectures).</param>
public sealed record PivotTable(
    IReadOnlyList<string> RowAxes,
    string? ColumnAxis,
    IReadOnlyList<IReadOnlyList<string>> RowKeys,
    IReadOnlyList<string> ColumnKeys,
    IReadOnlyList<IReadOnlyList<PivotCell?>> Cells,
    IReadOnlyList<string> PooledAxes,
    IReadOnlyList<(long Min, long Max)> RowParameters)
{
    /// <summary>Whether the rows differ in size, so that the table shows each row's parameters beside its metric.</summary>
    public bool SizesDiffer => RowParameters.Distinct().Count() > 1;
}
