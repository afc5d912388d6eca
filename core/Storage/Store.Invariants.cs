using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Storage;

public sealed partial class Store
{
    /// <summary>
    /// Checks what "nothing lost" promises, for tests and a doctor command: SQLite integrity and foreign keys;
    /// each run's epochs contiguous from 0; every recorded checkpoint file present with its recorded size and
    /// SHA-256; leases only on running/evaluating runs and always on running ones; completed runs evaluated;
    /// failed and diverged runs with a reason. Required epoch columns being non-null is enforced by NOT NULL
    /// constraints and "one lease per run" by the shape of the runs table, so neither needs a query.
    /// </summary>
    /// <param name="away">Runs whose files another store keeps changing (a sweep out in Slurm parts: the parts write
    /// and prune the checkpoints in this store's run folders while this store shows the runs as they went out), so
    /// their recorded checkpoint files are not checked.</param>
    /// <returns>One line per violation; empty when the store is healthy.</returns>
    public IReadOnlyList<string> CheckInvariants(IReadOnlySet<RunKey>? away = null)
    {
        List<string> violations;
        List<(string RunKey, CheckpointRecord Checkpoint)> checkpoints;
        try
        {
            (violations, checkpoints) = Read(QueryInvariants);
        }
        catch (StoreException e) when (e.InnerException is SqliteException { SqliteErrorCode: SqliteCorrupt })
        {
            // A page too damaged for integrity_check to walk: that is the finding, not a crash of the doctor.
            return [$"integrity_check: {e.InnerException.Message}"];
        }

        // Files are hashed outside any database connection: reading gigabytes must not hold SQLite open.
        violations.AddRange(checkpoints.Where(c => away is null || !away.Contains(new RunKey(c.RunKey)))
            .Select(c => CheckCheckpointFile(new RunKey(c.RunKey), c.Checkpoint)).OfType<string>());
        return violations;
    }

    private static (List<string>, List<(string, CheckpointRecord)>) QueryInvariants(SqlSession session)
    {
        var found = session.Query("PRAGMA integrity_check", r => r.GetString(0))
            .Where(line => line != "ok").Select(line => $"integrity_check: {line}").ToList();
        found.AddRange(session.Query("PRAGMA foreign_key_check", r =>
            $"foreign key: row {r.GetValue(1)} of {r.GetString(0)} refers to a missing {r.GetString(2)} row"));
        found.AddRange(session.Query("""
            SELECT run_key, min(epoch), max(epoch), count(*) FROM epochs GROUP BY run_key
            HAVING min(epoch) <> 0 OR max(epoch) + 1 <> count(*)
            """, r => $"run {r.GetString(0)}: epochs are not contiguous from 0 " +
                $"({r.GetInt32(3)} rows spanning {r.GetInt32(1)}..{r.GetInt32(2)})"));
        found.AddRange(session.Query("""
            SELECT run_key, state, lease_owner FROM runs
            WHERE (state NOT IN ('running', 'evaluating') AND lease_owner IS NOT NULL)
               OR (state = 'running' AND lease_owner IS NULL)
            """, r => $"run {r.GetString(0)}: {r.GetString(1)} run with " +
                (r.IsDBNull(2) ? "no lease" : $"a lease held by {r.GetString(2)}")));
        found.AddRange(session.Query("""
            SELECT r.run_key FROM runs r LEFT JOIN evaluations v ON v.run_key = r.run_key
            WHERE r.state = 'completed' AND v.run_key IS NULL
            """, r => $"run {r.GetString(0)}: completed without an evaluation"));
        found.AddRange(session.Query("""
            SELECT run_key, state FROM runs WHERE state IN ('failed', 'diverged') AND reason IS NULL
            """, r => $"run {r.GetString(0)}: {r.GetString(1)} without a reason"));
        var recorded = session.Query(
            $"SELECT run_key, {CheckpointColumns} FROM checkpoints ORDER BY run_key, epoch",
            r => (r.GetString(0), ReadCheckpoint(r, first: 1)));
        return (found, recorded);
    }

    private static string? CheckCheckpointFile(RunKey runKey, CheckpointRecord checkpoint)
    {
        var where = $"run {runKey}: checkpoint of epoch {checkpoint.Epoch} ({checkpoint.Path})";
        var file = new FileInfo(checkpoint.Path);
        if (!file.Exists)
        {
            return $"{where} is missing";
        }
        if (file.Length != checkpoint.Size)
        {
            return $"{where} has {file.Length} bytes, {checkpoint.Size} recorded";
        }
        using var stream = file.OpenRead();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        return sha256 == checkpoint.Sha256.ToLowerInvariant()
            ? null
            : $"{where} has SHA-256 {sha256}, {checkpoint.Sha256} recorded";
    }
}
