namespace VaeSweep.Core.Reports;

/// <summary>
/// IWAE minus VAE at one matched setting (every other config value equal), in the report's metric.
/// </summary>
/// <param name="Setting">The varying axes (other than objective and seed) and their values here.</param>
/// <param name="Pairs">Seeds at which both runs completed with a finite value.</param>
/// <param name="Difference">Mean of the per-seed differences, with its 95% interval: paired t over seeds when
/// there are two or more pairs, else 1.96 times the combined standard error where the metric has one.</param>
/// <param name="Unpaired">Runs at this setting left out: unfinished, broken, or without a partner.</param>
public sealed record PairedComparison(
    IReadOnlyList<KeyValuePair<string, string>> Setting,
    int Pairs,
    double IwaeMean,
    double VaeMean,
    MeanInterval Difference,
    string Method,
    int Unpaired);
