namespace VaeSweep.Core.Reports;

/// <summary>The runs that fall in one cell of a pivot, summarised.</summary>
/// <param name="Value">Mean and 95% t-interval over the completed runs with a finite metric; null when none.</param>
/// <param name="Broken">Failed or diverged runs in the cell, left out of the mean.</param>
/// <param name="Unfinished">Pending, running or evaluating runs in the cell, not yet measurable.</param>
public sealed record PivotCell(MeanInterval? Value, int Broken, int Unfinished);
