using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Storage;

/// <summary>
/// The store contract that scheduling and reports use, met by <see cref="Store"/> (SQLite, one machine) and
/// <see cref="PostgresStore"/> (a PostgreSQL server that every node reaches). Both keep the same schema, run state
/// machine (enforced by triggers), lease rules, NaN-preserving metrics and numbered migrations; the contract is
/// written out on <see cref="Store"/> and checked for both by one test suite (tests/Storage/StoreContractTests.cs).
/// </summary>
public interface IStore : IDisposable
{
    /// <summary>Where the store is: a file path, or a postgresql:// URL without its password.</summary>
    string Path { get; }

    SweepInfo EnsureSweep(string name, string configText, string configJson);
    void UpdateSweepConfig(long sweepId, string configText, string configJson);
    IReadOnlyList<SweepInfo> Sweeps();
    int AddRuns(long sweepId, IEnumerable<PlannedRun> runs, Func<RunConfig, RunConfig, bool>? sameRun = null);
    void DropUnstartedRuns(long sweepId, IReadOnlyList<RunKey> runKeys, string reason);

    IReadOnlyList<RunRow> Runs(long sweepId);
    IReadOnlyDictionary<RunState, int> Counts(long sweepId);

    ClaimedRun? TryClaimRun(long sweepId, string owner, TimeSpan lease);
    IReadOnlyList<ClaimedRun> TryClaimPack(long sweepId, string owner, TimeSpan lease, int width,
        Func<RunConfig, RunConfig, bool> canShare);
    bool Heartbeat(RunKey runKey, string owner, TimeSpan lease);
    void MarkEvaluating(RunKey runKey, string owner, double trainSeconds);
    void Complete(RunKey runKey, string owner, EvaluationRecord evaluation, IEnumerable<BoundRecord> bounds,
        EvaluationPoints? points = null);

    /// <summary>The run's per-point log-likelihoods, or null where none were stored.</summary>
    EvaluationPoints? Points(RunKey runKey);
    void Fail(RunKey runKey, string owner, RunState state, string reason);
    void Release(RunKey runKey, string owner, string reason);
    int ResetFailed(long sweepId);

    /// <summary>Successive halving (Runs.Halving): a held run parks at a rung with its value, a rung is decided once its
    /// whole competition has values, and a sweep that no longer halves resumes its stopped runs.</summary>
    void Park(RunKey runKey, string owner, long sweepId, int rung, int k, double value);
    IReadOnlyList<RungRecord> DecideRung(long sweepId, int rung, double keep);
    IReadOnlyList<RungRecord> Rungs(long sweepId);
    int ResumeStopped(long sweepId);

    void RecordEpoch(RunKey runKey, string owner, EpochRecord epoch);
    int TruncateEpochs(RunKey runKey, string owner, int fromEpoch);
    void RecordCheckpoint(RunKey runKey, string owner, CheckpointRecord checkpoint);
    IReadOnlyList<CheckpointRecord> Checkpoints(RunKey runKey);
    bool DeleteCheckpointRecord(RunKey runKey, string owner, int epoch, string reason);
    void AddArtifact(RunKey runKey, string kind, string path);
    void AddEvent(RunKey? runKey, string kind, string message);

    IReadOnlyList<EpochRecord> Epochs(RunKey runKey);
    EvaluationRecord? Evaluation(RunKey runKey);
    IReadOnlyList<BoundRecord> Bounds(RunKey runKey);
    IReadOnlyList<ArtifactRecord> Artifacts(RunKey runKey);
    IReadOnlyList<EventRow> Events(RunKey? runKey = null, long afterId = 0);
}
