using VaeSweep.Core.Runs;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Storage;

public sealed partial class PostgresStore
{
    public IReadOnlyList<RunRow> Runs(long sweepId) => Read(session => session.Query("""
        SELECT r.run_key, m.sweep_id, m.position, r.config_json, m.axes_json, r.state, r.attempts,
               r.lease_owner, r.lease_expires_utc, r.heartbeat_utc, r.reason, r.created_utc, r.started_utc,
               r.finished_utc, r.train_seconds,
               (SELECT max(epoch) FROM epochs e WHERE e.run_key = r.run_key),
               v.log_likelihood, r.pack_width
        FROM sweep_runs m
        JOIN runs r ON r.run_key = m.run_key
        LEFT JOIN evaluations v ON v.run_key = r.run_key
        WHERE m.sweep_id = @s
        ORDER BY m.position
        """, r => new RunRow(
            new RunKey(r.GetString(0)), r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.GetString(4),
            RunStateNames.Parse(r.GetString(5)), r.GetInt32(6), PgValues.String(r, 7),
            PgValues.OptionalTime(r, 8), PgValues.OptionalTime(r, 9), PgValues.String(r, 10),
            PgValues.Time(r, 11), PgValues.OptionalTime(r, 12), PgValues.OptionalTime(r, 13),
            PgValues.Metric(r, 14), PgValues.Int(r, 15), PgValues.Metric(r, 16), PgValues.Int(r, 17)),
        ("s", sweepId)));

    public IReadOnlyDictionary<RunState, int> Counts(long sweepId) => Read(session =>
    {
        var counts = Enum.GetValues<RunState>().ToDictionary(s => s, _ => 0);
        foreach (var (state, count) in session.Query("""
            SELECT r.state, count(*)::integer FROM sweep_runs m JOIN runs r ON r.run_key = m.run_key
            WHERE m.sweep_id = @s GROUP BY r.state
            """, r => (RunStateNames.Parse(r.GetString(0)), r.GetInt32(1)), ("s", sweepId)))
            counts[state] = count;
        return (IReadOnlyDictionary<RunState, int>)counts;
    });

    public IReadOnlyList<EpochRecord> Epochs(RunKey runKey) => Read(session => session.Query("""
        SELECT epoch, k, beta, lr, train_loss, train_elbo, train_recon, train_kl, valid_elbo, active_units,
               seconds, samples_per_s, classifier_accuracy
        FROM epochs WHERE run_key = @k ORDER BY epoch
        """, r => new EpochRecord(
            r.GetInt32(0), r.GetInt32(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), PgValues.Metric(r, 5),
            PgValues.Metric(r, 6), PgValues.Metric(r, 7), PgValues.Metric(r, 8), PgValues.Int(r, 9),
            r.GetDouble(10), r.GetDouble(11), PgValues.Metric(r, 12)),
        ("k", runKey.Value)));

    public EvaluationRecord? Evaluation(RunKey runKey) => Read(session => session.Query("""
        SELECT k, log_likelihood, log_likelihood_se, elbo, recon, kl, active_units, seconds, n_test,
               khat_unreliable_share, khat_median, probe_accuracy,
               mutual_information, mutual_information_se, mutual_information_points, classifier_accuracy
        FROM evaluations WHERE run_key = @k
        """, r => new EvaluationRecord(
            r.GetInt32(0), r.GetDouble(1), r.GetDouble(2), PgValues.Metric(r, 3), PgValues.Metric(r, 4),
            PgValues.Metric(r, 5), PgValues.Int(r, 6), r.GetDouble(7), r.GetInt32(8),
            PgValues.Metric(r, 9) is { } share && PgValues.Metric(r, 10) is { } median ? new KHatSummary(share, median) : null,
            PgValues.Metric(r, 11),
            PgValues.Metric(r, 12) is { } mi && PgValues.Int(r, 14) is { } points
                ? new MutualInformationEstimate(mi, PgValues.Metric(r, 13) ?? double.NaN, points) : null,
            PgValues.Metric(r, 15)),
        ("k", runKey.Value)).SingleOrDefault());

    public IReadOnlyList<BoundRecord> Bounds(RunKey runKey) => Read(session => session.Query(
        "SELECT k, value, se FROM evaluation_bounds WHERE run_key = @k ORDER BY k",
        r => new BoundRecord(r.GetInt32(0), r.GetDouble(1), r.GetDouble(2)), ("k", runKey.Value)));

    public IReadOnlyList<ArtifactRecord> Artifacts(RunKey runKey) => Read(session => session.Query(
        "SELECT kind, path FROM artifacts WHERE run_key = @k ORDER BY id",
        r => new ArtifactRecord(r.GetString(0), r.GetString(1)), ("k", runKey.Value)));

    public IReadOnlyList<EventRow> Events(RunKey? runKey = null, long afterId = 0) => Read(session => session.Query(
        $"SELECT id, time_utc, run_key, kind, message FROM events WHERE id > @after {(runKey is null ? "" : "AND run_key = @k")} ORDER BY id",
        r => new EventRow(r.GetInt64(0), PgValues.Time(r, 1),
            PgValues.String(r, 2) is { } key ? new RunKey(key) : null, r.GetString(3), r.GetString(4)),
        ("after", afterId), ("k", runKey?.Value)));
}
