namespace VaeSweep.Core.Reports;

/// <summary>
/// One level of a <c>--by</c> axis minus the axis's reference level at one matched setting (every other config
/// value equal), paired by seed, in the report's metric.
/// </summary>
/// <param name="Setting">The other varying axes (not the compared one, not the seed) and their values here.</param>
/// <param name="Pairs">Seeds at which both runs completed with a finite value.</param>
/// <param name="Difference">Mean of the per-seed differences with its 95% interval (<see cref="Method"/> says how).</param>
/// <param name="LeftOut">Runs of the two levels at this setting without a partner: unfinished, broken or unmatched.</param>
public sealed record LevelDifference(
    IReadOnlyList<KeyValuePair<string, string>> Setting,
    string Level,
    int Pairs,
    double LevelMean,
    double ReferenceMean,
    MeanInterval Difference,
    string Method,
    int LeftOut);
