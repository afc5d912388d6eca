using VaeSweep.Core.Runs;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Storage;

/// <summary>How <see cref="Store.CopyRuns"/> copies runs from another store into this one.</summary>
internal enum RunCopy
{
    /// <summary>A part comes back: its whole plan, the named runs' records and events, and their run folders
    /// copied beside this store.</summary>
    Merge,

    /// <summary>A part is cut out of a main store: only the named runs' plan rows and records (no events: the part
    /// records only what happens in it), their files left where they are.</summary>
    Extract,
}

public sealed partial class Store
{
    // The owner that holds a run while a merge replays its history; never seen outside the merge transaction.
    private const string MergeOwner = "merge";

    /// <summary>
    /// Copies runs of <paramref name="source"/> into this store in one transaction: the sweeps and plan rows (all of
    /// them on a merge, those of <paramref name="runKeys"/> in the sweep <paramref name="sweepName"/> on an
    /// extract) and the full records of the runs named in <paramref name="runKeys"/>. <see cref="StoreMerge"/>
    /// decides which keys; this only writes. A run this store already holds with records is first cleared back to
    /// pending (the copy replacing it went further from the same start). Each run replays the state machine
    /// (pending, running with epochs and checkpoints, evaluating with its evaluation, then its recorded state), so
    /// the schema's triggers check the copy as they checked the original. A run a dead task still held becomes
    /// pending (running) or unowned (evaluating), as a release would leave it.
    /// </summary>
    internal void CopyRuns(Store source, IReadOnlyCollection<RunKey> runKeys, RunCopy kind, string? sweepName = null) => Guard(() =>
    {
        using var session = Connect();
        session.Execute("ATTACH DATABASE $path AS part", ("$path", source.Path));
        try
        {
            session.Begin();
            var now = SqlValues.Time(Now);
            session.Execute("CREATE TEMP TABLE IF NOT EXISTS wanted (run_key TEXT PRIMARY KEY)");
            session.Execute("DELETE FROM temp.wanted");
            foreach (var key in runKeys) session.Execute("INSERT INTO temp.wanted VALUES ($k)", ("$k", key.Value));
            // On an extract only the named runs and their one sweep come along; on a merge the part's whole plan.
            var extract = kind == RunCopy.Extract;
            string OnlyWanted(string table) => extract ? $"{table}.run_key IN (SELECT run_key FROM temp.wanted)" : "true";
            string OnlySweep(string table) => extract ? $"{table}.name = $sweep" : "true";
            session.Execute($"""
                INSERT INTO main.sweeps (name, config_text, config_json, created_utc, updated_utc)
                SELECT name, config_text, config_json, created_utc, updated_utc FROM part.sweeps
                WHERE name NOT IN (SELECT name FROM main.sweeps) AND {OnlySweep("part.sweeps")}
                """, ("$sweep", sweepName ?? ""));
            session.Execute($"""
                INSERT INTO main.runs (run_key, config_json, created_utc)
                SELECT run_key, config_json, created_utc FROM part.runs
                WHERE run_key NOT IN (SELECT run_key FROM main.runs) AND {OnlyWanted("part.runs")}
                """);
            session.Execute($"""
                INSERT INTO main.sweep_runs (sweep_id, run_key, position, axes_json)
                SELECT ms.id, pm.run_key, pm.position, pm.axes_json
                FROM part.sweep_runs pm JOIN part.sweeps ps ON ps.id = pm.sweep_id JOIN main.sweeps ms ON ms.name = ps.name
                WHERE {OnlyWanted("pm")} AND {OnlySweep("ps")}
                ON CONFLICT DO NOTHING
                """, ("$sweep", sweepName ?? ""));
            // Files stay beside the store they were written for: a merge copies them beside this one, an extract
            // leaves them where the main store keeps them (the part's worker writes there too).
            var filesBeside = kind == RunCopy.Merge ? Path : source.Path;
            foreach (var key in runKeys)
            {
                ClearRun(session, key.Value);
                CopyRun(session, source.Path, key.Value, now, filesBeside, events: kind == RunCopy.Merge);
            }
            if (kind == RunCopy.Merge && runKeys.Count > 0)
                InsertEvent(session, null, "merged", $"{runKeys.Count} run(s) merged from {source.Path}");
            session.Commit();
        }
        finally
        {
            session.Rollback();
            session.Execute("DETACH DATABASE part");
        }
    });

    // A run about to be replaced by a copy that went further: its records go and it is pending again, through the
    // state machine's own steps. Its events stay: they are its history here, and the copy adds what came after.
    private static void ClearRun(SqlSession session, string key)
    {
        var state = session.Query("SELECT state FROM main.runs WHERE run_key = $k",
            r => RunStateNames.Parse(r.GetString(0)), ("$k", key)).Single();
        foreach (var table in new[] { "evaluation_points", "evaluation_bounds", "evaluations", "checkpoints", "artifacts", "epochs" })
            session.Execute($"DELETE FROM main.{table} WHERE run_key = $k", ("$k", key));
        string[] steps = state switch
        {
            RunState.Pending => [],
            RunState.Evaluating => ["failed", "pending"],
            RunState.Completed => throw new InvalidOperationException($"run {key} is completed here; a merge never replaces it"),
            _ => ["pending"],
        };
        foreach (var step in steps)
            session.Execute("UPDATE main.runs SET state = $s, lease_owner = NULL, lease_expires_utc = NULL WHERE run_key = $k",
                ("$s", step), ("$k", key));
    }

    private void CopyRun(SqlSession session, string partPath, string key, string now, string filesBeside, bool events)
    {
        var source = session.Query("SELECT state FROM part.runs WHERE run_key = $k",
            r => RunStateNames.Parse(r.GetString(0)), ("$k", key)).Single();
        var from = RunFolders.ForRun(partPath, key);
        var to = RunFolders.ForRun(filesBeside, key);

        session.Execute("""
            UPDATE main.runs SET state = 'running', lease_owner = $o, lease_expires_utc = $now WHERE run_key = $k
            """, ("$o", MergeOwner), ("$now", now), ("$k", key));
        session.Execute("INSERT INTO main.epochs SELECT * FROM part.epochs WHERE run_key = $k", ("$k", key));
        foreach (var (epoch, path) in session.Query("SELECT epoch, path FROM part.checkpoints WHERE run_key = $k",
                     r => (r.GetInt32(0), r.GetString(1)), ("$k", key)))
        {
            session.Execute("""
                INSERT INTO main.checkpoints (run_key, epoch, path, size, sha256, created_utc)
                SELECT run_key, epoch, $p, size, sha256, created_utc FROM part.checkpoints WHERE run_key = $k AND epoch = $e
                """, ("$p", Relocate(path, key, from, to)), ("$k", key), ("$e", epoch));
        }
        if (source is RunState.Evaluating or RunState.Completed
            || session.Scalar("SELECT 1 FROM part.evaluations WHERE run_key = $k", ("$k", key)) is not null)
        {
            session.Execute("UPDATE main.runs SET state = 'evaluating' WHERE run_key = $k", ("$k", key));
            session.Execute("INSERT INTO main.evaluations SELECT * FROM part.evaluations WHERE run_key = $k", ("$k", key));
            session.Execute("INSERT INTO main.evaluation_bounds SELECT * FROM part.evaluation_bounds WHERE run_key = $k",
                ("$k", key));
            session.Execute("INSERT INTO main.evaluation_points SELECT * FROM part.evaluation_points WHERE run_key = $k",
                ("$k", key));
        }
        session.Execute("""
            UPDATE main.runs AS r SET
                state = CASE p.state WHEN 'running' THEN 'pending' WHEN 'stopped' THEN 'pending' ELSE p.state END,
                lease_owner = NULL, lease_expires_utc = NULL, heartbeat_utc = p.heartbeat_utc,
                attempts = p.attempts, reason = p.reason, started_utc = p.started_utc,
                finished_utc = p.finished_utc, train_seconds = p.train_seconds
            FROM (SELECT * FROM part.runs WHERE run_key = $k) AS p
            WHERE r.run_key = p.run_key
            """, ("$k", key));
        // A run halving stopped reaches 'stopped' from pending, as it did in its part. (Rung records stay in the part:
        // its sweep ids are not this store's.)
        if (source == RunState.Stopped)
            session.Execute("UPDATE main.runs SET state = 'stopped' WHERE run_key = $k", ("$k", key));
        foreach (var (kind, path, created) in session.Query(
                     "SELECT kind, path, created_utc FROM part.artifacts WHERE run_key = $k ORDER BY id",
                     r => (r.GetString(0), r.GetString(1), r.GetString(2)), ("$k", key)))
        {
            session.Execute("INSERT INTO main.artifacts (run_key, kind, path, created_utc) VALUES ($k, $kind, $p, $t)",
                ("$k", key), ("$kind", kind), ("$p", Relocate(path, key, from, to)), ("$t", created));
        }
        if (events)
            session.Execute("""
                INSERT INTO main.events (time_utc, run_key, kind, message)
                SELECT time_utc, run_key, kind, message FROM part.events WHERE run_key = $k ORDER BY id
                """, ("$k", key));
        if (from != to) CopyFolder(from, to);
    }

    // A recorded path inside the run's folder (wherever the part was written: a node's local disk) names the same
    // file under the output's run folder; any other path is kept as it is.
    private static string Relocate(string path, string key, string from, string to)
    {
        var marker = $"{System.IO.Path.DirectorySeparatorChar}{key}{System.IO.Path.DirectorySeparatorChar}";
        var at = path.LastIndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? path : System.IO.Path.Combine(to, path[(at + marker.Length)..]);
    }

    // Files are copied before the transaction commits: a failed copy rolls the records back, and a copy whose
    // records never commit is overwritten by the next merge.
    private static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from)) return;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            Platform.DurableFile.Write(target, File.ReadAllBytes(file));
        }
    }
}
