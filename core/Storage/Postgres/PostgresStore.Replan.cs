using VaeSweep.Core.Config;

namespace VaeSweep.Core.Storage;

public sealed partial class PostgresStore
{
    public void DropUnstartedRuns(long sweepId, IReadOnlyList<RunKey> runKeys, string reason) => Write(session =>
    {
        foreach (var key in runKeys.Select(k => k.Value))
        {
            // The run row locked first, so no worker can record an epoch between the check and the delete.
            session.Execute("SELECT 1 FROM runs WHERE run_key = @k FOR UPDATE", ("k", key));
            var results = Convert.ToInt64(session.Scalar("""
                SELECT (SELECT count(*) FROM epochs WHERE run_key = @k) + (SELECT count(*) FROM checkpoints WHERE run_key = @k)
                     + (SELECT count(*) FROM evaluations WHERE run_key = @k)
                """, ("k", key)));
            if (results > 0)
                throw new InvalidOperationException($"run {key} in {Path} has recorded results and cannot be replanned");
            session.Execute("DELETE FROM sweep_runs WHERE sweep_id = @s AND run_key = @k", ("s", sweepId), ("k", key));
            var shared = Convert.ToInt64(session.Scalar("SELECT count(*) FROM sweep_runs WHERE run_key = @k", ("k", key)));
            if (shared > 0) continue;
            session.Execute("DELETE FROM events WHERE run_key = @k", ("k", key));
            session.Execute("DELETE FROM artifacts WHERE run_key = @k", ("k", key));
            session.Execute("DELETE FROM runs WHERE run_key = @k", ("k", key));
        }
        InsertEvent(session, null, "replanned", $"{reason}: dropped run(s) {string.Join(", ", runKeys)}");
    });
}
