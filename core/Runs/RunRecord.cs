namespace VaeSweep.Core.Runs;

/// <summary>
/// Everything recorded for one run, read back whole by the stages that only look at results (reports). Its config
/// and axes stay the JSON the store holds: reading them is the reader's concern, and a config an older build wrote
/// must not stop the rest of a store from being read. (This room stands on nothing but Platform, so it cannot hold a
/// parsed RunConfig: reports parse each run's config once, in ReportRows, and say there which one they cannot read.)
/// </summary>
/// <param name="Reason">Why the run failed or diverged; null otherwise.</param>
/// <param name="TrainSeconds">Recorded training time, or null before training finished.</param>
/// <param name="AxesJson">The run's swept axis values by path, as planned.</param>
/// <param name="Points">The evaluation's per-point log-likelihoods, or null where none were stored.</param>
/// <param name="Position">The run's place in its sweep's plan order.</param>
public sealed record RunRecord(
    string RunKey,
    RunState State,
    string? Reason,
    double? TrainSeconds,
    string ConfigJson,
    string AxesJson,
    EvaluationRecord? Evaluation,
    IReadOnlyList<EpochRecord> Epochs,
    IReadOnlyList<BoundRecord> Bounds,
    EvaluationPoints? Points,
    IReadOnlyList<ArtifactRecord> Artifacts,
    long Position = 0);
