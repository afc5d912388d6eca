using Microsoft.Data.Sqlite;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Storage;

public sealed partial class Store
{
    private const string SweepColumns = "id, name, config_text, config_json, created_utc, updated_utc";

    /// <summary>
    /// Returns the sweep named <paramref name="name"/>, creating it with the given config if it does not exist.
    /// An existing sweep is returned unchanged (with <see cref="SweepInfo.Created"/> false), so the caller can
    /// compare its recorded config with the one it was given and refuse or extend.
    /// </summary>
    public SweepInfo EnsureSweep(string name, string configText, string configJson) => Write(session =>
    {
        var now = SqlValues.Time(Now);
        var inserted = session.Execute("""
            INSERT INTO sweeps (name, config_text, config_json, created_utc, updated_utc)
            VALUES ($name, $text, $json, $now, $now)
            ON CONFLICT (name) DO NOTHING
            """, ("$name", name), ("$text", configText), ("$json", configJson), ("$now", now));
        var sweep = session.Query($"SELECT {SweepColumns} FROM sweeps WHERE name = $name",
            r => ReadSweep(r, inserted == 1), ("$name", name)).Single();
        return sweep;
    });

    /// <summary>
    /// Replaces a sweep's recorded config, for a sweep the caller has decided to extend (for example with new
    /// axis values). Runs already planned are untouched; add the new ones with <see cref="AddRuns"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No sweep has this id.</exception>
    public void UpdateSweepConfig(long sweepId, string configText, string configJson) => Write(session =>
    {
        var updated = session.Execute("""
            UPDATE sweeps SET config_text = $text, config_json = $json, updated_utc = $now WHERE id = $id
            """, ("$text", configText), ("$json", configJson), ("$now", SqlValues.Time(Now)), ("$id", sweepId));
        if (updated == 0)
        {
            throw new ArgumentException($"no sweep with id {sweepId} in store {Path}", nameof(sweepId));
        }
    });

    /// <summary>All sweeps, oldest first.</summary>
    public IReadOnlyList<SweepInfo> Sweeps() => Read(session =>
        session.Query($"SELECT {SweepColumns} FROM sweeps ORDER BY id", r => ReadSweep(r, false)));

    /// <summary>
    /// Adds runs to a sweep, in the given order after the runs it already has. Idempotent: a run already in
    /// the sweep is skipped; a run already planned by another sweep is shared, not trained twice. A run already
    /// recorded with a config that <paramref name="sameRun"/> accepts (one differing only in execution settings)
    /// takes the new config unless it has completed, so that the settings apply when it next starts or resumes.
    /// </summary>
    /// <param name="sameRun">Given the recorded and the planned config of one key, whether they are the
    /// same run. Null accepts only identical texts.</param>
    /// <returns>How many runs were new to this sweep.</returns>
    /// <exception cref="InvalidOperationException">A run key is already recorded with a config that is not the
    /// same run: the planner's hash collided or changed, and training under that key would mix two experiments.</exception>
    public int AddRuns(long sweepId, IEnumerable<PlannedRun> runs, Func<RunConfig, RunConfig, bool>? sameRun = null) => Write(session =>
    {
        var now = SqlValues.Time(Now);
        var position = Convert.ToInt64(session.Scalar(
            "SELECT coalesce(max(position), -1) FROM sweep_runs WHERE sweep_id = $s", ("$s", sweepId)));
        var added = 0;
        foreach (var run in runs)
        {
            session.Execute("""
                INSERT INTO runs (run_key, config_json, created_utc) VALUES ($k, $c, $now)
                ON CONFLICT (run_key) DO NOTHING
                """, ("$k", run.RunKey.Value), ("$c", run.ConfigJson), ("$now", now));
            var recorded = (string)session.Scalar("SELECT config_json FROM runs WHERE run_key = $k",
                ("$k", run.RunKey.Value))!;
            if (recorded != run.ConfigJson)
            {
                if (!run.IsRecordedAs(recorded, sameRun))
                {
                    throw new InvalidOperationException(
                        $"run {run.RunKey} is already recorded in {Path} with a different config");
                }
                session.Execute("UPDATE runs SET config_json = $c WHERE run_key = $k AND state <> 'completed'",
                    ("$c", run.ConfigJson), ("$k", run.RunKey.Value));
            }
            added += session.Execute("""
                INSERT INTO sweep_runs (sweep_id, run_key, position, axes_json) VALUES ($s, $k, $p, $a)
                ON CONFLICT (sweep_id, run_key) DO NOTHING
                """, ("$s", sweepId), ("$k", run.RunKey.Value), ("$p", position + added + 1), ("$a", run.AxesJson));
        }
        return added;
    });

    private static SweepInfo ReadSweep(SqliteDataReader r, bool created) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3),
        SqlValues.ReadTime(r, 4), SqlValues.ReadTime(r, 5), created);
}
