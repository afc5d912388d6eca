using Microsoft.Data.Sqlite;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Storage;

public sealed partial class Store
{
    /// <summary>
    /// A held, running run reached rung <paramref name="rung"/> of its sweep's halving (its checkpoint after that
    /// epoch is recorded): records its validation bound there and gives the run back as pending, in one transaction.
    /// The sweep's claims pass it by until <see cref="DecideRung"/> has decided the rung. A run that reaches a rung
    /// decided without it (it joined the sweep later) is kept at once: it was never in that competition.
    /// </summary>
    /// <exception cref="LeaseLostException">The caller does not hold the run.</exception>
    public void Park(RunKey runKey, string owner, long sweepId, int rung, int k, double value) => Write(session =>
    {
        RequireHeld(session, runKey, owner, RunState.Running);
        session.Execute("""
            INSERT INTO rungs (sweep_id, rung, run_key, k, value, recorded_utc) VALUES ($s, $r, $k, $kk, $v, $now)
            ON CONFLICT (sweep_id, rung, run_key) DO NOTHING
            """, ("$s", sweepId), ("$r", rung), ("$k", runKey.Value), ("$kk", k), ("$v", SqlValues.Metric(value)),
            ("$now", SqlValues.Time(Now)));
        session.Execute("UPDATE runs SET state = 'pending', lease_owner = NULL, lease_expires_utc = NULL WHERE run_key = $k",
            ("$k", runKey.Value));
        var late = session.Execute("""
            UPDATE rungs SET decision = 'kept', decided_utc = $now
            WHERE sweep_id = $s AND rung = $r AND run_key = $k AND decision IS NULL
              AND EXISTS (SELECT 1 FROM rungs d WHERE d.sweep_id = $s AND d.rung = $r AND d.decision IS NOT NULL)
            """, ("$s", sweepId), ("$r", rung), ("$k", runKey.Value), ("$now", SqlValues.Time(Now))) == 1;
        InsertEvent(session, runKey, "parked", Halving.ParkMessage(rung, k, value, late));
    });

    /// <summary>
    /// Takes rung <paramref name="rung"/>'s decision for the sweep once every run still in its competition has a value
    /// there (<see cref="Halving"/>): a run of the sweep that is pending or running with no more epochs than the rung
    /// and no value is still coming (with exactly the rung's epochs it is measuring its value, or resumes from the
    /// rung checkpoint and parks at once); any other (failed, diverged, stopped, trained past the rung elsewhere) has
    /// dropped out. The decision, the stopped runs' state (pending -> stopped, with the reason) and their events are written
    /// in one transaction. Idempotent: a rung decided before, or not ready, changes nothing.
    /// </summary>
    /// <returns>The decided records, best first; empty when nothing was decided now.</returns>
    public IReadOnlyList<RungRecord> DecideRung(long sweepId, int rung, double keep) => Write(session =>
    {
        var records = session.Query(RungSelect + " AND h.rung = $r", ReadRung, ("$s", sweepId), ("$r", rung));
        if (records.Count == 0 || records.Any(r => r.Decision is not null)) return (IReadOnlyList<RungRecord>)[];
        var coming = Convert.ToInt64(session.Scalar("""
            SELECT count(*) FROM sweep_runs m JOIN runs r ON r.run_key = m.run_key
            WHERE m.sweep_id = $s AND r.state IN ('pending', 'running')
              AND coalesce((SELECT max(epoch) + 1 FROM epochs e WHERE e.run_key = r.run_key), 0) <= $r
              AND NOT EXISTS (SELECT 1 FROM rungs h WHERE h.sweep_id = $s AND h.rung = $r AND h.run_key = r.run_key)
            """, ("$s", sweepId), ("$r", rung)));
        if (coming > 0) return [];
        var name = (string)session.Scalar("SELECT name FROM sweeps WHERE id = $s", ("$s", sweepId))!;
        var decided = Halving.Decide(records, Halving.KeptCount(records.Count, keep));
        var now = SqlValues.Time(Now);
        foreach (var (record, message) in Halving.Messages(name, decided))
        {
            session.Execute("""
                UPDATE rungs SET decision = $d, decided_utc = $now WHERE sweep_id = $s AND rung = $r AND run_key = $k
                """, ("$d", Halving.ToSql(record.Decision!.Value)), ("$now", now), ("$s", sweepId), ("$r", rung),
                ("$k", record.RunKey));
            var stopped = record.Decision == RungDecision.Stopped && session.Execute("""
                UPDATE runs SET state = 'stopped', reason = $why, finished_utc = $now WHERE run_key = $k AND state = 'pending'
                """, ("$why", message), ("$now", now), ("$k", record.RunKey)) == 1;
            InsertEvent(session, new RunKey(record.RunKey), stopped ? "stopped" : "rung", message);
        }
        return decided;
    });

    /// <summary>Every rung record of the sweep, by rung and then plan order.</summary>
    public IReadOnlyList<RungRecord> Rungs(long sweepId) => Read(session =>
        session.Query(RungSelect + " ORDER BY h.rung, m.position", ReadRung, ("$s", sweepId)));

    /// <summary>
    /// For a sweep that no longer halves: its stopped runs return to pending (each resumes from its checkpoint) and
    /// its runs waiting at a rung are released, since that rung will never be decided. Decisions taken stay recorded.
    /// </summary>
    /// <returns>How many stopped runs were resumed.</returns>
    public int ResumeStopped(long sweepId) => Write(session =>
    {
        session.Execute("DELETE FROM rungs WHERE sweep_id = $s AND decision IS NULL", ("$s", sweepId));
        var keys = session.Query("""
            SELECT r.run_key FROM sweep_runs m JOIN runs r ON r.run_key = m.run_key
            WHERE m.sweep_id = $s AND r.state = 'stopped' ORDER BY m.position
            """, r => r.GetString(0), ("$s", sweepId));
        foreach (var key in keys)
        {
            session.Execute("UPDATE runs SET state = 'pending', reason = NULL, finished_utc = NULL WHERE run_key = $k",
                ("$k", key));
            InsertEvent(session, new RunKey(key), "reset", Halving.ResumeMessage);
        }
        return keys.Count;
    });

    private const string RungSelect = """
        SELECT h.rung, h.run_key, m.position, h.k, h.value, h.decision
        FROM rungs h JOIN sweep_runs m ON m.sweep_id = h.sweep_id AND m.run_key = h.run_key
        WHERE h.sweep_id = $s
        """;

    private static RungRecord ReadRung(SqliteDataReader r) => new(r.GetInt32(0), r.GetString(1), r.GetInt64(2),
        r.GetInt32(3), SqlValues.ReadRequiredMetric(r, 4), Halving.ParseDecision(SqlValues.ReadString(r, 5)));
}
