using Npgsql;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Storage;

public sealed partial class PostgresStore
{
    private const string SweepColumns = "id, name, config_text, config_json, created_utc, updated_utc";

    public SweepInfo EnsureSweep(string name, string configText, string configJson) => Write(session =>
    {
        var now = Now;
        var inserted = session.Execute("""
            INSERT INTO sweeps (name, config_text, config_json, created_utc, updated_utc)
            VALUES (@name, @text, @json, @now, @now)
            ON CONFLICT (name) DO NOTHING
            """, ("name", name), ("text", configText), ("json", configJson), ("now", now));
        return session.Query($"SELECT {SweepColumns} FROM sweeps WHERE name = @name",
            r => ReadSweep(r, inserted == 1), ("name", name)).Single();
    });

    public void UpdateSweepConfig(long sweepId, string configText, string configJson) => Write(session =>
    {
        var updated = session.Execute("""
            UPDATE sweeps SET config_text = @text, config_json = @json, updated_utc = @now WHERE id = @id
            """, ("text", configText), ("json", configJson), ("now", Now), ("id", sweepId));
        if (updated == 0) throw new ArgumentException($"no sweep with id {sweepId} in store {Path}", nameof(sweepId));
    });

    public IReadOnlyList<SweepInfo> Sweeps() => Read(session =>
        session.Query($"SELECT {SweepColumns} FROM sweeps ORDER BY id", r => ReadSweep(r, false)));

    public int AddRuns(long sweepId, IEnumerable<PlannedRun> runs, Func<RunConfig, RunConfig, bool>? sameRun = null) => Write(session =>
    {
        var now = Now;
        // The sweep row locked: two processes adding runs to one sweep number their positions one after the other.
        session.Execute("SELECT 1 FROM sweeps WHERE id = @s FOR UPDATE", ("s", sweepId));
        var position = Convert.ToInt64(session.Scalar(
            "SELECT coalesce(max(position), -1) FROM sweep_runs WHERE sweep_id = @s", ("s", sweepId)));
        var added = 0;
        foreach (var run in runs)
        {
            session.Execute("""
                INSERT INTO runs (run_key, config_json, created_utc) VALUES (@k, @c, @now)
                ON CONFLICT (run_key) DO NOTHING
                """, ("k", run.RunKey.Value), ("c", run.ConfigJson), ("now", now));
            var recorded = (string)session.Scalar("SELECT config_json FROM runs WHERE run_key = @k", ("k", run.RunKey.Value))!;
            if (recorded != run.ConfigJson)
            {
                if (!run.IsRecordedAs(recorded, sameRun))
                    throw new InvalidOperationException($"run {run.RunKey} is already recorded in {Path} with a different config");
                session.Execute("UPDATE runs SET config_json = @c WHERE run_key = @k AND state <> 'completed'",
                    ("c", run.ConfigJson), ("k", run.RunKey.Value));
            }
            added += session.Execute("""
                INSERT INTO sweep_runs (sweep_id, run_key, position, axes_json) VALUES (@s, @k, @p, @a)
                ON CONFLICT (sweep_id, run_key) DO NOTHING
                """, ("s", sweepId), ("k", run.RunKey.Value), ("p", position + added + 1), ("a", run.AxesJson));
        }
        return added;
    });

    private static SweepInfo ReadSweep(NpgsqlDataReader r, bool created) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), PgValues.Time(r, 4), PgValues.Time(r, 5), created);
}
