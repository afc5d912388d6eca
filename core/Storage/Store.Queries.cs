using Microsoft.Data.Sqlite;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Storage;

public sealed partial class Store
{
    /// <summary>The runs of a sweep in plan order, with their latest epoch and evaluation summary.</summary>
    public IReadOnlyList<RunRow> Runs(long sweepId) => Read(session => session.Query("""
        SELECT r.run_key, m.sweep_id, m.position, r.config_json, m.axes_json, r.state, r.attempts,
               r.lease_owner, r.lease_expires_utc, r.heartbeat_utc, r.reason, r.created_utc, r.started_utc,
               r.finished_utc, r.train_seconds,
               (SELECT max(epoch) FROM epochs e WHERE e.run_key = r.run_key),
               v.log_likelihood, r.pack_width
        FROM sweep_runs m
        JOIN runs r ON r.run_key = m.run_key
        LEFT JOIN evaluations v ON v.run_key = r.run_key
        WHERE m.sweep_id = $s
        ORDER BY m.position
        """, r => new RunRow(
            new RunKey(r.GetString(0)), r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.GetString(4),
            RunStateNames.Parse(r.GetString(5)), r.GetInt32(6), SqlValues.ReadString(r, 7),
            SqlValues.ReadOptionalTime(r, 8), SqlValues.ReadOptionalTime(r, 9), SqlValues.ReadString(r, 10),
            SqlValues.ReadTime(r, 11), SqlValues.ReadOptionalTime(r, 12), SqlValues.ReadOptionalTime(r, 13),
            SqlValues.ReadMetric(r, 14), SqlValues.ReadInt(r, 15), SqlValues.ReadMetric(r, 16), SqlValues.ReadInt(r, 17)),
        ("$s", sweepId)));

    /// <summary>How many runs of the sweep are in each state; every state is present, zero included.</summary>
    public IReadOnlyDictionary<RunState, int> Counts(long sweepId) => Read(session =>
    {
        var counts = Enum.GetValues<RunState>().ToDictionary(s => s, _ => 0);
        foreach (var (state, count) in session.Query("""
            SELECT r.state, count(*) FROM sweep_runs m JOIN runs r ON r.run_key = m.run_key
            WHERE m.sweep_id = $s GROUP BY r.state
            """, r => (RunStateNames.Parse(r.GetString(0)), r.GetInt32(1)), ("$s", sweepId)))
        {
            counts[state] = count;
        }
        return (IReadOnlyDictionary<RunState, int>)counts;
    });

    /// <summary>A run's recorded epochs in order.</summary>
    public IReadOnlyList<EpochRecord> Epochs(RunKey runKey) => Read(session => session.Query("""
        SELECT epoch, k, beta, lr, train_loss, train_elbo, train_recon, train_kl, valid_elbo, active_units,
               seconds, samples_per_s, classifier_accuracy
        FROM epochs WHERE run_key = $k ORDER BY epoch
        """, r => new EpochRecord(
            r.GetInt32(0), r.GetInt32(1), SqlValues.ReadRequiredMetric(r, 2), SqlValues.ReadRequiredMetric(r, 3),
            SqlValues.ReadRequiredMetric(r, 4), SqlValues.ReadMetric(r, 5), SqlValues.ReadMetric(r, 6),
            SqlValues.ReadMetric(r, 7), SqlValues.ReadMetric(r, 8), SqlValues.ReadInt(r, 9),
            SqlValues.ReadRequiredMetric(r, 10), SqlValues.ReadRequiredMetric(r, 11), SqlValues.ReadMetric(r, 12)),
        ("$k", runKey.Value)));

    /// <summary>A completed run's evaluation, or null if it has none.</summary>
    public EvaluationRecord? Evaluation(RunKey runKey) => Read(session => session.Query("""
        SELECT k, log_likelihood, log_likelihood_se, elbo, recon, kl, active_units, seconds, n_test,
               khat_unreliable_share, khat_median, probe_accuracy,
               mutual_information, mutual_information_se, mutual_information_points, classifier_accuracy
        FROM evaluations WHERE run_key = $k
        """, r => new EvaluationRecord(
            r.GetInt32(0), SqlValues.ReadRequiredMetric(r, 1), SqlValues.ReadRequiredMetric(r, 2),
            SqlValues.ReadMetric(r, 3), SqlValues.ReadMetric(r, 4), SqlValues.ReadMetric(r, 5),
            SqlValues.ReadInt(r, 6), SqlValues.ReadRequiredMetric(r, 7), r.GetInt32(8),
            SqlValues.ReadMetric(r, 9) is { } share && SqlValues.ReadMetric(r, 10) is { } median
                ? new KHatSummary(share, median) : null,
            SqlValues.ReadMetric(r, 11),
            SqlValues.ReadMetric(r, 12) is { } mi && SqlValues.ReadInt(r, 14) is { } points
                ? new MutualInformationEstimate(mi, SqlValues.ReadMetric(r, 13) ?? double.NaN, points) : null,
            SqlValues.ReadMetric(r, 15)),
        ("$k", runKey.Value)).SingleOrDefault());

    /// <summary>A completed run's per-point values, or null where none were recorded (runs evaluated before
    /// schema version 2).</summary>
    public EvaluationPoints? Points(RunKey runKey) => Read(session => session.Query(
        "SELECT points, log_likelihoods FROM evaluation_points WHERE run_key = $k",
        r => new EvaluationPoints(r.GetString(0), PointBlob.Decode((byte[])r.GetValue(1))),
        ("$k", runKey.Value)).SingleOrDefault());

    /// <summary>A completed run's smaller-k bounds, by increasing k.</summary>
    public IReadOnlyList<BoundRecord> Bounds(RunKey runKey) => Read(session => session.Query(
        "SELECT k, value, se FROM evaluation_bounds WHERE run_key = $k ORDER BY k",
        r => new BoundRecord(r.GetInt32(0), SqlValues.ReadRequiredMetric(r, 1), SqlValues.ReadRequiredMetric(r, 2)),
        ("$k", runKey.Value)));

    /// <summary>A run's artifacts in the order they were recorded.</summary>
    public IReadOnlyList<ArtifactRecord> Artifacts(RunKey runKey) => Read(session => session.Query(
        "SELECT kind, path FROM artifacts WHERE run_key = $k ORDER BY id",
        r => new ArtifactRecord(r.GetString(0), r.GetString(1)), ("$k", runKey.Value)));

    /// <summary>
    /// Events in the order they happened: those of one run, or all of them when <paramref name="runKey"/> is
    /// null; only those with an id above <paramref name="afterId"/>, so a status view can follow new ones.
    /// </summary>
    public IReadOnlyList<EventRow> Events(RunKey? runKey = null, long afterId = 0) => Read(session =>
        session.Query("""
            SELECT id, time_utc, run_key, kind, message FROM events
            WHERE id > $after AND ($k IS NULL OR run_key = $k)
            ORDER BY id
            """, ReadEvent, ("$after", afterId), ("$k", runKey?.Value)));

    private static EventRow ReadEvent(SqliteDataReader r) => new(
        r.GetInt64(0), SqlValues.ReadTime(r, 1), SqlValues.ReadString(r, 2) is { } key ? new RunKey(key) : null, r.GetString(3), r.GetString(4));
}
