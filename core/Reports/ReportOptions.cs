namespace VaeSweep.Core.Reports;

/// <summary>What a report covers and how it groups; formatting choices belong to the renderers.</summary>
/// <param name="Stores">Where the stores are (files or server URLs), in the order their rows are listed.</param>
/// <param name="By">Axes to group and pivot by; empty for the plain table.</param>
/// <param name="Metric">Metric name to sort, pivot and compare by (<see cref="ReportMetric.All"/>).</param>
/// <param name="Compare">Add IWAE-minus-VAE comparisons at matched settings.</param>
/// <param name="Pictures">Read the runs' picture files (only the HTML report shows them).</param>
public sealed record ReportOptions(
    IReadOnlyList<string> Stores,
    IReadOnlyList<string> By,
    string Metric = "log-likelihood",
    bool Compare = false,
    bool Pictures = false);
