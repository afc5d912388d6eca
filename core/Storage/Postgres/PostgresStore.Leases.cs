using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Storage;

public sealed partial class PostgresStore
{
    public ClaimedRun? TryClaimRun(long sweepId, string owner, TimeSpan lease) =>
        TryClaimPack(sweepId, owner, lease, 1, (_, _) => false).SingleOrDefault();

    public IReadOnlyList<ClaimedRun> TryClaimPack(long sweepId, string owner, TimeSpan lease, int width,
        Func<RunConfig, RunConfig, bool> canShare) => Write(session =>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var now = Now;
        // SKIP LOCKED: a row another claimer has locked is passed over instead of waited for; FOR UPDATE re-checks
        // the WHERE on the row's newest version, so a run another claimer has just committed is not taken twice.
        // Every claimable row is locked until the commit, the ones that do not join the pack too: a claim is short.
        var candidates = session.Query("""
            SELECT r.run_key, r.config_json, r.state, r.lease_owner
            FROM sweep_runs m JOIN runs r ON r.run_key = m.run_key
            WHERE m.sweep_id = @s
              AND (r.state = 'pending'
                   OR (r.state IN ('running', 'evaluating')
                       AND (r.lease_expires_utc IS NULL OR r.lease_expires_utc <= @now)))
              -- A run waiting at one of this sweep's halving rungs trains on only once the rung is decided.
              AND NOT EXISTS (SELECT 1 FROM rungs h WHERE h.sweep_id = @s AND h.run_key = r.run_key AND h.decision IS NULL)
            ORDER BY m.position
            FOR UPDATE OF r SKIP LOCKED
            """, r => new ClaimCandidate(new RunKey(r.GetString(0)), r.GetString(1), RunStateNames.Parse(r.GetString(2)),
                PgValues.String(r, 3)),
            ("s", sweepId), ("now", now));
        var pack = ClaimCandidate.FormPack(candidates, width, canShare);
        var expires = now + lease;
        return pack.Select(candidate =>
        {
            var state = candidate.ClaimedState;
            var attempts = Convert.ToInt32(session.Scalar("""
                UPDATE runs SET state = @state, lease_owner = @owner, lease_expires_utc = @expires,
                    heartbeat_utc = @now, attempts = attempts + 1, started_utc = coalesce(started_utc, @now),
                    pack_width = CASE WHEN @state = 'running' THEN @width ELSE pack_width END
                WHERE run_key = @k
                RETURNING attempts
                """, ("state", state.ToSql()), ("owner", owner), ("expires", expires), ("now", now),
                ("width", pack.Count), ("k", candidate.RunKey.Value)));
            if (candidate.Previous is { } previous)
                InsertEvent(session, candidate.RunKey, "takeover", candidate.TakeoverMessage(owner, previous));
            return new ClaimedRun(candidate.RunKey, candidate.ConfigJson, state, attempts, expires, candidate.Previous);
        }).ToList();
    });

    public bool Heartbeat(RunKey runKey, string owner, TimeSpan lease) => Write(session =>
    {
        var now = Now;
        return session.Execute("""
            UPDATE runs SET lease_expires_utc = @expires, heartbeat_utc = @now
            WHERE run_key = @k AND lease_owner = @owner AND state IN ('running', 'evaluating')
            """, ("expires", now + lease), ("now", now), ("k", runKey.Value), ("owner", owner)) == 1;
    });

    public void MarkEvaluating(RunKey runKey, string owner, double trainSeconds) => Write(session =>
    {
        RequireHeld(session, runKey, owner, RunState.Running);
        session.Execute("UPDATE runs SET state = 'evaluating', train_seconds = @t WHERE run_key = @k",
            ("t", trainSeconds), ("k", runKey.Value));
    });

    public void Complete(RunKey runKey, string owner, EvaluationRecord evaluation, IEnumerable<BoundRecord> bounds,
        EvaluationPoints? points = null) => Write(session =>
    {
        RequireHeld(session, runKey, owner, RunState.Evaluating);
        session.Execute("""
            INSERT INTO evaluations (run_key, k, log_likelihood, log_likelihood_se, elbo, recon, kl,
                active_units, seconds, n_test, khat_unreliable_share, khat_median, probe_accuracy,
                mutual_information, mutual_information_se, mutual_information_points, classifier_accuracy)
            VALUES (@k, @kk, @ll, @se, @elbo, @recon, @kl, @au, @sec, @n, @khs, @khm, @probe, @mi, @mise, @min, @acc)
            """, ("k", runKey.Value), ("kk", evaluation.K), ("ll", evaluation.LogLikelihood), ("se", evaluation.LogLikelihoodSe),
            ("elbo", PgValues.Nullable(evaluation.Elbo)), ("recon", PgValues.Nullable(evaluation.Recon)),
            ("kl", PgValues.Nullable(evaluation.Kl)), ("au", PgValues.Nullable(evaluation.ActiveUnits)),
            ("sec", evaluation.Seconds), ("n", evaluation.NTest),
            ("khs", PgValues.Nullable(evaluation.KHat?.UnreliableShare)), ("khm", PgValues.Nullable(evaluation.KHat?.Median)),
            ("probe", PgValues.Nullable(evaluation.ProbeAccuracy)), ("mi", PgValues.Nullable(evaluation.MutualInformation?.Value)),
            ("mise", PgValues.Nullable(evaluation.MutualInformation?.Se)),
            ("min", PgValues.Nullable(evaluation.MutualInformation?.Points)),
            ("acc", PgValues.Nullable(evaluation.ClassifierAccuracy)));
        foreach (var bound in bounds)
            session.Execute("INSERT INTO evaluation_bounds (run_key, k, value, se) VALUES (@k, @kk, @v, @se)",
                ("k", runKey.Value), ("kk", bound.K), ("v", bound.Value), ("se", bound.Se));
        if (points is not null)
            session.Execute(
                "INSERT INTO evaluation_points (run_key, points, n, log_likelihoods) VALUES (@k, @p, @n, @v)",
                ("k", runKey.Value), ("p", points.Points), ("n", points.LogLikelihoods.Count),
                ("v", PointBlob.Encode(points.LogLikelihoods)));
        Finish(session, runKey, RunState.Completed, reason: null);
    });

    public void Fail(RunKey runKey, string owner, RunState state, string reason)
    {
        if (state is not (RunState.Failed or RunState.Diverged))
            throw new ArgumentException($"a run can only fail as failed or diverged, not {state}", nameof(state));
        Write(session =>
        {
            RequireHeld(session, runKey, owner, RunState.Running, RunState.Evaluating);
            Finish(session, runKey, state, reason);
            InsertEvent(session, runKey, state.ToSql(), reason);
        });
    }

    public void Release(RunKey runKey, string owner, string reason) => Write(session =>
    {
        RequireHeld(session, runKey, owner, RunState.Running, RunState.Evaluating);
        session.Execute("""
            UPDATE runs SET state = CASE state WHEN 'running' THEN 'pending' ELSE state END,
                lease_owner = NULL, lease_expires_utc = NULL
            WHERE run_key = @k
            """, ("k", runKey.Value));
        InsertEvent(session, runKey, "interrupted", reason);
    });

    public int ResetFailed(long sweepId) => Write(session =>
    {
        var keys = session.Query("""
            SELECT r.run_key, r.state, r.reason FROM sweep_runs m JOIN runs r ON r.run_key = m.run_key
            WHERE m.sweep_id = @s AND r.state IN ('failed', 'diverged') ORDER BY m.position
            FOR UPDATE OF r
            """, r => (Key: r.GetString(0), State: r.GetString(1), Reason: PgValues.String(r, 2)), ("s", sweepId));
        foreach (var (key, state, reason) in keys)
        {
            session.Execute("UPDATE runs SET state = 'pending', reason = NULL, finished_utc = NULL WHERE run_key = @k",
                ("k", key));
            InsertEvent(session, new RunKey(key), "reset", $"{state} run returned to pending for a retry (was: {reason})");
        }
        return keys.Count;
    });

    private void Finish(PgSession session, RunKey runKey, RunState state, string? reason) =>
        session.Execute("""
            UPDATE runs SET state = @state, reason = @reason, lease_owner = NULL, lease_expires_utc = NULL,
                finished_utc = @now
            WHERE run_key = @k
            """, ("state", state.ToSql()), ("reason", (object?)reason ?? DBNull.Value), ("now", Now), ("k", runKey.Value));

    // The row is locked for the rest of the transaction, so the check and the write after it see the same run.
    private void RequireHeld(PgSession session, RunKey runKey, string owner, params RunState[] allowed)
    {
        var row = session.Query("SELECT state, lease_owner FROM runs WHERE run_key = @k FOR UPDATE",
            r => (State: RunStateNames.Parse(r.GetString(0)), Owner: PgValues.String(r, 1)), ("k", runKey.Value));
        if (row.Count == 0) throw new ArgumentException($"no run {runKey} in store {Path}", nameof(runKey));
        var (state, holder) = row[0];
        if (state.IsTerminal())
            throw new LeaseLostException(runKey, $"run {runKey} is {state.ToSql()}; terminal runs are immutable");
        if (holder != owner)
            throw new LeaseLostException(runKey, $"run {runKey} is held by {holder ?? "nobody"}, not {owner}: the lease was lost");
        if (!allowed.Contains(state))
            throw new InvalidOperationException(
                $"run {runKey} is {state.ToSql()}; this step needs it {string.Join(" or ", allowed.Select(s => s.ToSql()))}");
    }

    /// <summary>None are stored in PostgreSQL yet, so reports compare its runs unpaired and say so.</summary>
    public EvaluationPoints? Points(RunKey runKey) => Read(session => session.Query(
        "SELECT points, log_likelihoods FROM evaluation_points WHERE run_key = @k",
        r => new EvaluationPoints(r.GetString(0), PointBlob.Decode((byte[])r.GetValue(1))),
        ("k", runKey.Value)).SingleOrDefault());
}
