using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Reports;

/// <summary>One run as a report sees it: where it came from, its axis values and everything recorded for it.</summary>
/// <param name="Source">Store label and sweep name, shown when a report covers several sweeps.</param>
/// <param name="Axes">Display value of every axis the report knows, by path; an axis a run's sweep did not
/// vary takes the run's configured value, so rows of different sweeps line up.</param>
/// <param name="ComparisonKey">Canonical config without <c>objective.kind</c> and <c>seed</c>: runs that
/// share it differ only in objective and seed, the matched settings of a paired comparison.</param>
/// <param name="ConfigurationKey">Canonical config without <c>seed</c>: the runs that are seeds of one
/// configuration.</param>
public sealed record ReportRow(
    string Store,
    string Sweep,
    RunRecord Run,
    RunConfig Config,
    IReadOnlyDictionary<string, string> Axes,
    string ComparisonKey,
    string ConfigurationKey,
    IReadOnlyList<ReportPicture> Pictures)
{
    public string Source => $"{Store}/{Sweep}";

    public EvaluationRecord? Evaluation => Run.Evaluation;
    public IReadOnlyList<EpochRecord> Epochs => Run.Epochs;
    public IReadOnlyList<BoundRecord> Bounds => Run.Bounds;

    /// <summary>The evaluation's per-point log-likelihoods, or null for a run evaluated before they were stored.</summary>
    public EvaluationPoints? Points => Run.Points;

    /// <summary>Recorded training time, or the sum of the epochs so far while a run is unfinished.</summary>
    public double? WallSeconds => Run.TrainSeconds ?? (Epochs.Count > 0 ? Epochs.Sum(e => e.Seconds) : null);

    /// <summary>Marked best by the report's metric; at most one row per report.</summary>
    public bool IsBest { get; init; }
}
