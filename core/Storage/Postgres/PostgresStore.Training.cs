using VaeSweep.Core.Runs;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Storage;

public sealed partial class PostgresStore
{
    private const string CheckpointColumns = "run_key, epoch, path, size, sha256, created_utc";

    public void RecordEpoch(RunKey runKey, string owner, EpochRecord epoch) => Write(session =>
    {
        RequireHeld(session, runKey, owner, RunState.Running);
        if (session.Scalar("SELECT 1 FROM epochs WHERE run_key = @k AND epoch = @e", ("k", runKey.Value), ("e", epoch.Epoch)) is not null)
            throw new InvalidOperationException($"epoch {epoch.Epoch} of run {runKey} is already recorded");
        session.Execute("""
            INSERT INTO epochs (run_key, epoch, k, beta, lr, train_loss, train_elbo, train_recon, train_kl,
                valid_elbo, active_units, seconds, samples_per_s, classifier_accuracy)
            VALUES (@k, @e, @kk, @beta, @lr, @loss, @elbo, @recon, @kl, @valid, @au, @sec, @sps, @acc)
            """, ("k", runKey.Value), ("e", epoch.Epoch), ("kk", epoch.K), ("beta", epoch.Beta), ("lr", epoch.Lr),
            ("loss", epoch.TrainLoss), ("elbo", PgValues.Nullable(epoch.TrainElbo)),
            ("recon", PgValues.Nullable(epoch.TrainRecon)), ("kl", PgValues.Nullable(epoch.TrainKl)),
            ("valid", PgValues.Nullable(epoch.ValidElbo)), ("au", PgValues.Nullable(epoch.ActiveUnits)),
            ("sec", epoch.Seconds), ("sps", epoch.SamplesPerSecond), ("acc", PgValues.Nullable(epoch.ClassifierAccuracy)));
    });

    public int TruncateEpochs(RunKey runKey, string owner, int fromEpoch) => Write(session =>
    {
        RequireHeld(session, runKey, owner, RunState.Running);
        var deleted = session.Execute("DELETE FROM epochs WHERE run_key = @k AND epoch >= @e", ("k", runKey.Value), ("e", fromEpoch));
        if (deleted > 0)
            InsertEvent(session, runKey, "truncated", $"{deleted} epoch(s) from epoch {fromEpoch} on discarded to train them again");
        return deleted;
    });

    public void RecordCheckpoint(RunKey runKey, string owner, CheckpointRecord checkpoint) => Write(session =>
    {
        RequireHeld(session, runKey, owner, RunState.Running);
        session.Execute("""
            INSERT INTO checkpoints (run_key, epoch, path, size, sha256, created_utc)
            VALUES (@k, @e, @p, @size, @sha, @now)
            ON CONFLICT (run_key, epoch) DO UPDATE SET
                path = excluded.path, size = excluded.size, sha256 = excluded.sha256, created_utc = excluded.created_utc
            """, ("k", runKey.Value), ("e", checkpoint.Epoch), ("p", checkpoint.Path), ("size", checkpoint.Size),
            ("sha", checkpoint.Sha256), ("now", Now));
    });

    public IReadOnlyList<CheckpointRecord> Checkpoints(RunKey runKey) => Read(session => session.Query(
        $"SELECT {CheckpointColumns} FROM checkpoints WHERE run_key = @k ORDER BY epoch DESC",
        r => new CheckpointRecord(r.GetInt32(1), r.GetString(2), r.GetInt64(3), r.GetString(4)),
        ("k", runKey.Value)));

    public bool DeleteCheckpointRecord(RunKey runKey, string owner, int epoch, string reason) => Write(session =>
    {
        RequireHeld(session, runKey, owner, RunState.Running, RunState.Evaluating);
        var deleted = session.Execute("DELETE FROM checkpoints WHERE run_key = @k AND epoch = @e", ("k", runKey.Value), ("e", epoch)) == 1;
        if (deleted) InsertEvent(session, runKey, "checkpoint-dropped", $"checkpoint of epoch {epoch} dropped: {reason}");
        return deleted;
    });

    public void AddArtifact(RunKey runKey, string kind, string path) => Write(session =>
    {
        session.Execute("INSERT INTO artifacts (run_key, kind, path, created_utc) VALUES (@k, @kind, @p, @now)",
            ("k", runKey.Value), ("kind", kind), ("p", path), ("now", Now));
    });

    public void AddEvent(RunKey? runKey, string kind, string message) => Write(session => InsertEvent(session, runKey, kind, message));

    private void InsertEvent(PgSession session, RunKey? runKey, string kind, string message) =>
        session.Execute("INSERT INTO events (time_utc, run_key, kind, message) VALUES (@now, @k, @kind, @m)",
            ("now", Now), ("k", (object?)runKey?.Value ?? DBNull.Value), ("kind", kind), ("m", message));
}
