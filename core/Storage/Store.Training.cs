using VaeSweep.Core.Runs;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Storage;

public sealed partial class Store
{
    private const string CheckpointColumns = "epoch, path, size, sha256";

    /// <summary>Records one complete epoch of a held, running run.</summary>
    /// <exception cref="LeaseLostException">The caller does not hold the run, or it is terminal.</exception>
    /// <exception cref="InvalidOperationException">The run is not running, or this epoch is already recorded
    /// (an epoch is written once; to retrain epochs after a checkpoint fall-back, truncate first).</exception>
    public void RecordEpoch(RunKey runKey, string owner, EpochRecord epoch) => Write(session =>
    {
        RequireHeld(session, runKey, owner, RunState.Running);
        var exists = session.Scalar("SELECT 1 FROM epochs WHERE run_key = $k AND epoch = $e",
            ("$k", runKey.Value), ("$e", epoch.Epoch));
        if (exists is not null)
        {
            throw new InvalidOperationException($"epoch {epoch.Epoch} of run {runKey} is already recorded");
        }
        session.Execute("""
            INSERT INTO epochs (run_key, epoch, k, beta, lr, train_loss, train_elbo, train_recon, train_kl,
                valid_elbo, active_units, seconds, samples_per_s, classifier_accuracy)
            VALUES ($k, $e, $kk, $beta, $lr, $loss, $elbo, $recon, $kl, $valid, $au, $sec, $sps, $acc)
            """, ("$k", runKey.Value), ("$e", epoch.Epoch), ("$kk", epoch.K), ("$beta", SqlValues.Metric(epoch.Beta)),
            ("$lr", SqlValues.Metric(epoch.Lr)), ("$loss", SqlValues.Metric(epoch.TrainLoss)),
            ("$elbo", SqlValues.Metric(epoch.TrainElbo)), ("$recon", SqlValues.Metric(epoch.TrainRecon)),
            ("$kl", SqlValues.Metric(epoch.TrainKl)), ("$valid", SqlValues.Metric(epoch.ValidElbo)),
            ("$au", SqlValues.Nullable(epoch.ActiveUnits)), ("$sec", SqlValues.Metric(epoch.Seconds)),
            ("$sps", SqlValues.Metric(epoch.SamplesPerSecond)), ("$acc", SqlValues.Metric(epoch.ClassifierAccuracy)));
    });

    /// <summary>
    /// Deletes the epochs from <paramref name="fromEpoch"/> on, for a held running run that fell back to an
    /// older checkpoint and will train those epochs again; recorded as a 'truncated' event.
    /// </summary>
    /// <returns>How many epoch rows were deleted.</returns>
    public int TruncateEpochs(RunKey runKey, string owner, int fromEpoch) => Write(session =>
    {
        RequireHeld(session, runKey, owner, RunState.Running);
        var deleted = session.Execute("DELETE FROM epochs WHERE run_key = $k AND epoch >= $e",
            ("$k", runKey.Value), ("$e", fromEpoch));
        if (deleted > 0)
        {
            InsertEvent(session, runKey, "truncated",
                $"{deleted} epoch(s) from epoch {fromEpoch} on discarded to train them again");
        }
        return deleted;
    });

    /// <summary>
    /// Records a checkpoint of a held running run, after the file is durably in place. Recording the same
    /// epoch again replaces the earlier record (the file was rewritten).
    /// </summary>
    /// <exception cref="LeaseLostException">The caller does not hold the run, or it is terminal.</exception>
    public void RecordCheckpoint(RunKey runKey, string owner, CheckpointRecord checkpoint) => Write(session =>
    {
        RequireHeld(session, runKey, owner, RunState.Running);
        session.Execute("""
            INSERT INTO checkpoints (run_key, epoch, path, size, sha256, created_utc)
            VALUES ($k, $e, $p, $size, $sha, $now)
            ON CONFLICT (run_key, epoch) DO UPDATE SET
                path = excluded.path, size = excluded.size, sha256 = excluded.sha256,
                created_utc = excluded.created_utc
            """, ("$k", runKey.Value), ("$e", checkpoint.Epoch), ("$p", checkpoint.Path), ("$size", checkpoint.Size),
            ("$sha", checkpoint.Sha256), ("$now", SqlValues.Time(Now)));
    });

    /// <summary>All checkpoints of a run, newest epoch first, for falling back when the newest is corrupt.</summary>
    public IReadOnlyList<CheckpointRecord> Checkpoints(RunKey runKey) => Read(session => session.Query(
        $"SELECT {CheckpointColumns} FROM checkpoints WHERE run_key = $k ORDER BY epoch DESC",
        r => ReadCheckpoint(r), ("$k", runKey.Value)));

    /// <summary>
    /// Forgets a checkpoint found missing or corrupt (recorded as a 'checkpoint-dropped' event with the
    /// reason). Allowed for a held run that is running or evaluating.
    /// </summary>
    /// <returns>True when a record was deleted.</returns>
    public bool DeleteCheckpointRecord(RunKey runKey, string owner, int epoch, string reason) => Write(session =>
    {
        RequireHeld(session, runKey, owner, RunState.Running, RunState.Evaluating);
        var deleted = session.Execute("DELETE FROM checkpoints WHERE run_key = $k AND epoch = $e",
            ("$k", runKey.Value), ("$e", epoch)) == 1;
        if (deleted)
        {
            InsertEvent(session, runKey, "checkpoint-dropped", $"checkpoint of epoch {epoch} dropped: {reason}");
        }
        return deleted;
    });

    /// <summary>Records a file a run produced (a picture, an export).</summary>
    public void AddArtifact(RunKey runKey, string kind, string path) => Write(session =>
    {
        session.Execute("""
            INSERT INTO artifacts (run_key, kind, path, created_utc) VALUES ($k, $kind, $p, $now)
            """, ("$k", runKey.Value), ("$kind", kind), ("$p", path), ("$now", SqlValues.Time(Now)));
    });

    /// <summary>Records an event for the user: a fallback, a warning; <paramref name="runKey"/> may be null.</summary>
    public void AddEvent(RunKey? runKey, string kind, string message) =>
        Write(session => InsertEvent(session, runKey, kind, message));

    private void InsertEvent(SqlSession session, RunKey? runKey, string kind, string message) =>
        session.Execute("""
            INSERT INTO events (time_utc, run_key, kind, message) VALUES ($now, $k, $kind, $m)
            """, ("$now", SqlValues.Time(Now)), ("$k", runKey?.Value), ("$kind", kind), ("$m", message));

    private static CheckpointRecord ReadCheckpoint(Microsoft.Data.Sqlite.SqliteDataReader r, int first = 0) => new(
        r.GetInt32(first), r.GetString(first + 1), r.GetInt64(first + 2), r.GetString(first + 3));
}
