namespace VaeSweep.Core.Reports;

/// <summary>A mean over <paramref name="N"/> values with the half-width of its 95% interval.</summary>
/// <param name="HalfWidth">Null when no interval can be given (a single value and no standard error).</param>
public sealed record MeanInterval(double Mean, double? HalfWidth, int N);
