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
    void DropUnstartedRuns(long sweepId, IReadOnlyList<string> runKeys, string reason);

    IReadOnlyList<RunRow> Runs(long sweepId);
    IReadOnlyDictionary<RunState, int> Counts(long sweepId);

    ClaimedRun? TryClaimRun(long sweepId, string owner, TimeSpan lease);
    IReadOnlyList<ClaimedRun> TryClaimPack(long sweepId, string owner, TimeSpan lease, int width,
        Func<RunConfig, RunConfig, bool> canShare);
    bool Heartbeat(string runKey, string owner, TimeSpan lease);
    void MarkEvaluating(string runKey, string owner, double trainSeconds);
    void Complete(string runKey, string owner, EvaluationRecord evaluation, IEnumerable<BoundRecord> bounds,
        EvaluationPoints? points = null);

    /// <summary>The run's per-point log-likelihoods, or null where none were stored.</summary>
    EvaluationPoints? Points(string runKey);
    void Fail(string runKey, string owner, RunState state, string reason);
    void Release(string runKey, string owner, string reason);
    int ResetFailed(long sweepId);

    /// <summary>Successive halving (Runs.Halving): a held run parks at a rung with its value, a rung is decided once its
    /// whole competition has values, and a sweep that no longer halves resumes its stopped runs.</summary>
    void Park(string runKey, string owner, long sweepId, int rung, int k, double value);
    IReadOnlyList<RungRecord> DecideRung(long sweepId, int rung, double keep);
    IReadOnlyList<RungRecord> Rungs(long sweepId);
    int ResumeStopped(long sweepId);

    void RecordEpoch(string runKey, string owner, EpochRecord epoch);
    int TruncateEpochs(string runKey, string owner, int fromEpoch);
    void RecordCheckpoint(string runKey, string owner, CheckpointRecord checkpoint);
    IReadOnlyList<CheckpointRecord> Checkpoints(string runKey);
    bool DeleteCheckpointRecord(string runKey, string owner, int epoch, string reason);
    void AddArtifact(string runKey, string kind, string path);
    void AddEvent(string? runKey, string kind, string message);

    IReadOnlyList<EpochRecord> Epochs(string runKey);
    EvaluationRecord? Evaluation(string runKey);
    IReadOnlyList<BoundRecord> Bounds(string runKey);
    IReadOnlyList<ArtifactRecord> Artifacts(string runKey);
    IReadOnlyList<EventRow> Events(string? runKey = null, long afterId = 0);
}
