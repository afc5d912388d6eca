namespace VaeSweep.Core.Pictures;

/// <summary>One line of a chart; non-finite values are kept so the chart can show where a run broke.</summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points, bool Dashed = false);
