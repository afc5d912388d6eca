using VaeSweep.Core.Config;
namespace VaeSweep.Core.Storage;

public sealed partial class Store
{
    /// <summary>
    /// Removes runs from a sweep whose settings changed before the runs completed an epoch, so that the changed
    /// sweep can plan their replacements. A run no other sweep plans is deleted with its events; one that another
    /// sweep shares stays recorded for that sweep. One event (without a run) records what was dropped and why.
    /// </summary>
    /// <exception cref="InvalidOperationException">A run has recorded an epoch, a checkpoint or an evaluation: it
    /// has results to lose, and the caller should have refused the change.</exception>
    public void DropUnstartedRuns(long sweepId, IReadOnlyList<RunKey> runKeys, string reason) => Write(session =>
    {
        foreach (var key in runKeys.Select(k => k.Value))
        {
            var results = Convert.ToInt64(session.Scalar("""
                SELECT (SELECT count(*) FROM epochs WHERE run_key = $k) + (SELECT count(*) FROM checkpoints WHERE run_key = $k)
                     + (SELECT count(*) FROM evaluations WHERE run_key = $k)
                """, ("$k", key)));
            if (results > 0)
                throw new InvalidOperationException($"run {key} in {Path} has recorded results and cannot be replanned");
            session.Execute("DELETE FROM sweep_runs WHERE sweep_id = $s AND run_key = $k", ("$s", sweepId), ("$k", key));
            var shared = Convert.ToInt64(session.Scalar("SELECT count(*) FROM sweep_runs WHERE run_key = $k", ("$k", key)));
            if (shared > 0) continue;
            session.Execute("DELETE FROM events WHERE run_key = $k", ("$k", key));
            session.Execute("DELETE FROM artifacts WHERE run_key = $k", ("$k", key));
            session.Execute("DELETE FROM runs WHERE run_key = $k", ("$k", key));
        }
        InsertEvent(session, null, "replanned", $"{reason}: dropped run(s) {string.Join(", ", runKeys)}");
    });
}
