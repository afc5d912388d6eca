using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Storage;

public sealed partial class Store
{
    /// <summary>
    /// Atomically hands one run of the sweep to <paramref name="owner"/>: the first, in plan order, that is
    /// pending, or running/evaluating with an expired (or released) lease. A takeover of an expired lease is
    /// recorded as a 'takeover' event. The run becomes running (an evaluating run stays evaluating, so only its
    /// evaluation re-runs), its attempts count grows by one, and its lease lasts <paramref name="lease"/>.
    /// No run is ever held by two owners: the pick and the update happen under one write lock.
    /// </summary>
    /// <returns>The claimed run, or null when no run of the sweep is claimable now.</returns>
    public ClaimedRun? TryClaimRun(long sweepId, string owner, TimeSpan lease) =>
        TryClaimPack(sweepId, owner, lease, 1, (_, _) => false).SingleOrDefault();

    /// <summary>
    /// <see cref="TryClaimRun"/> for a pack: the first claimable run in plan order, and up to
    /// <paramref name="width"/> - 1 further claimable runs in the same state (to train, or to be evaluated only:
    /// those are evaluated together), in plan order, each of which <paramref name="canShare"/>(first run's config
    /// JSON, its config JSON) accepts. All are claimed in one transaction, each with a lease of its own; a pack to
    /// train records its width (a run left to evaluate keeps the width it trained in).
    /// </summary>
    /// <returns>The claimed runs, the first first; empty when no run of the sweep is claimable now.</returns>
    public IReadOnlyList<ClaimedRun> TryClaimPack(long sweepId, string owner, TimeSpan lease, int width,
        Func<RunConfig, RunConfig, bool> canShare) => Write(session =>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var now = Now;
        var candidates = session.Query("""
            SELECT r.run_key, r.config_json, r.state, r.lease_owner
            FROM sweep_runs m JOIN runs r ON r.run_key = m.run_key
            WHERE m.sweep_id = $s
              AND (r.state = 'pending'
                   OR (r.state IN ('running', 'evaluating')
                       AND (r.lease_expires_utc IS NULL OR r.lease_expires_utc <= $now)))
              -- A run waiting at one of this sweep's halving rungs trains on only once the rung is decided.
              AND NOT EXISTS (SELECT 1 FROM rungs h WHERE h.sweep_id = $s AND h.run_key = r.run_key AND h.decision IS NULL)
            ORDER BY m.position
            """, r => new ClaimCandidate(new RunKey(r.GetString(0)), r.GetString(1), RunStateNames.Parse(r.GetString(2)),
                SqlValues.ReadString(r, 3)),
            ("$s", sweepId), ("$now", SqlValues.Time(now)));
        var pack = ClaimCandidate.FormPack(candidates, width, canShare);
        var expires = now + lease;
        return pack.Select(candidate =>
        {
            var state = candidate.ClaimedState;
            session.Execute("""
                UPDATE runs SET state = $state, lease_owner = $owner, lease_expires_utc = $expires,
                    heartbeat_utc = $now, attempts = attempts + 1, started_utc = coalesce(started_utc, $now),
                    pack_width = CASE WHEN $state = 'running' THEN $width ELSE pack_width END
                WHERE run_key = $k
                """, ("$state", state.ToSql()), ("$owner", owner), ("$expires", SqlValues.Time(expires)),
                ("$now", SqlValues.Time(now)), ("$width", pack.Count), ("$k", candidate.RunKey.Value));
            if (candidate.Previous is { } previous)
            {
                InsertEvent(session, candidate.RunKey, "takeover", candidate.TakeoverMessage(owner, previous));
            }
            var attempts = Convert.ToInt32(session.Scalar("SELECT attempts FROM runs WHERE run_key = $k",
                ("$k", candidate.RunKey.Value)));
            return new ClaimedRun(candidate.RunKey, candidate.ConfigJson, state, attempts, expires, candidate.Previous);
        }).ToList();
    });

    /// <summary>
    /// Extends the lease on a run the caller holds to now + <paramref name="lease"/>.
    /// </summary>
    /// <returns>False when the caller no longer holds the run (taken over, or terminal): it must stop working
    /// on it at once.</returns>
    public bool Heartbeat(RunKey runKey, string owner, TimeSpan lease) => Write(session =>
    {
        var now = Now;
        return session.Execute("""
            UPDATE runs SET lease_expires_utc = $expires, heartbeat_utc = $now
            WHERE run_key = $k AND lease_owner = $owner AND state IN ('running', 'evaluating')
            """, ("$expires", SqlValues.Time(now + lease)), ("$now", SqlValues.Time(now)),
            ("$k", runKey.Value), ("$owner", owner)) == 1;
    });

    /// <summary>
    /// Training of a held run is finished: running becomes evaluating, with the training time recorded.
    /// </summary>
    /// <exception cref="LeaseLostException">The caller does not hold the run.</exception>
    /// <exception cref="InvalidOperationException">The run is not running.</exception>
    public void MarkEvaluating(RunKey runKey, string owner, double trainSeconds) => Write(session =>
    {
        RequireHeld(session, runKey, owner, RunState.Running);
        session.Execute("UPDATE runs SET state = 'evaluating', train_seconds = $t WHERE run_key = $k",
            ("$t", SqlValues.Metric(trainSeconds)), ("$k", runKey.Value));
    });

    /// <summary>
    /// Records the evaluation of a held, evaluating run together with its smaller-k bounds and its per-point
    /// values (where given) and marks it completed, all in one transaction: either everything is recorded or
    /// nothing is.
    /// </summary>
    /// <exception cref="LeaseLostException">The caller does not hold the run.</exception>
    /// <exception cref="InvalidOperationException">The run is not evaluating.</exception>
    public void Complete(RunKey runKey, string owner, EvaluationRecord evaluation, IEnumerable<BoundRecord> bounds,
        EvaluationPoints? points = null) => Write(session =>
    {
        RequireHeld(session, runKey, owner, RunState.Evaluating);
        session.Execute("""
            INSERT INTO evaluations (run_key, k, log_likelihood, log_likelihood_se, elbo, recon, kl,
                active_units, seconds, n_test, khat_unreliable_share, khat_median, probe_accuracy,
                mutual_information, mutual_information_se, mutual_information_points, classifier_accuracy)
            VALUES ($k, $kk, $ll, $se, $elbo, $recon, $kl, $au, $sec, $n, $khs, $khm, $probe, $mi, $mise, $min, $acc)
            """, ("$k", runKey.Value), ("$kk", evaluation.K), ("$ll", SqlValues.Metric(evaluation.LogLikelihood)),
            ("$se", SqlValues.Metric(evaluation.LogLikelihoodSe)), ("$elbo", SqlValues.Metric(evaluation.Elbo)),
            ("$recon", SqlValues.Metric(evaluation.Recon)), ("$kl", SqlValues.Metric(evaluation.Kl)),
            ("$au", SqlValues.Nullable(evaluation.ActiveUnits)), ("$sec", SqlValues.Metric(evaluation.Seconds)),
            ("$n", evaluation.NTest), ("$khs", SqlValues.Metric(evaluation.KHat?.UnreliableShare)),
            ("$khm", SqlValues.Metric(evaluation.KHat?.Median)), ("$probe", SqlValues.Metric(evaluation.ProbeAccuracy)),
            ("$mi", SqlValues.Metric(evaluation.MutualInformation?.Value)),
            ("$mise", SqlValues.Metric(evaluation.MutualInformation?.Se)),
            ("$min", SqlValues.Nullable(evaluation.MutualInformation?.Points)),
            ("$acc", SqlValues.Metric(evaluation.ClassifierAccuracy)));
        foreach (var bound in bounds)
        {
            session.Execute("INSERT INTO evaluation_bounds (run_key, k, value, se) VALUES ($k, $kk, $v, $se)",
                ("$k", runKey.Value), ("$kk", bound.K), ("$v", SqlValues.Metric(bound.Value)),
                ("$se", SqlValues.Metric(bound.Se)));
        }
        if (points is not null)
        {
            session.Execute(
                "INSERT INTO evaluation_points (run_key, points, n, log_likelihoods) VALUES ($k, $p, $n, $v)",
                ("$k", runKey.Value), ("$p", points.Points), ("$n", points.LogLikelihoods.Count),
                ("$v", PointBlob.Encode(points.LogLikelihoods)));
        }
        Finish(session, runKey, RunState.Completed, reason: null);
    });

    /// <summary>
    /// Ends a held run as failed or diverged, with the reason shown to the user; also recorded as an event.
    /// Its epochs stay recorded, so a diverged run's curve can be reported.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="state"/> is neither failed nor diverged.</exception>
    /// <exception cref="LeaseLostException">The caller does not hold the run.</exception>
    public void Fail(RunKey runKey, string owner, RunState state, string reason)
    {
        if (state is not (RunState.Failed or RunState.Diverged))
        {
            throw new ArgumentException($"a run can only fail as failed or diverged, not {state}", nameof(state));
        }
        Write(session =>
        {
            RequireHeld(session, runKey, owner, RunState.Running, RunState.Evaluating);
            Finish(session, runKey, state, reason);
            InsertEvent(session, runKey, state.ToSql(), reason);
        });
    }

    /// <summary>
    /// Gives a held run back on a graceful interrupt, recording an 'interrupted' event. A running run returns
    /// to pending (it resumes from its latest checkpoint); an evaluating run stays evaluating without a lease,
    /// so the next claim re-runs only the evaluation.
    /// </summary>
    /// <exception cref="LeaseLostException">The caller does not hold the run.</exception>
    public void Release(RunKey runKey, string owner, string reason) => Write(session =>
    {
        RequireHeld(session, runKey, owner, RunState.Running, RunState.Evaluating);
        session.Execute("""
            UPDATE runs SET state = CASE state WHEN 'running' THEN 'pending' ELSE state END,
                lease_owner = NULL, lease_expires_utc = NULL
            WHERE run_key = $k
            """, ("$k", runKey.Value));
        InsertEvent(session, runKey, "interrupted", reason);
    });

    /// <summary>
    /// Returns every failed and diverged run of the sweep to pending (for a retry-failed option), clearing
    /// the reason, which stays in the events. Recorded epochs and checkpoints are kept: the trainer resumes
    /// from the latest checkpoint and discards epochs after it with <see cref="TruncateEpochs"/>.
    /// </summary>
    /// <returns>How many runs were reset.</returns>
    public int ResetFailed(long sweepId) => Write(session =>
    {
        var keys = session.Query("""
            SELECT r.run_key, r.state, r.reason FROM sweep_runs m JOIN runs r ON r.run_key = m.run_key
            WHERE m.sweep_id = $s AND r.state IN ('failed', 'diverged') ORDER BY m.position
            """, r => (Key: r.GetString(0), State: r.GetString(1), Reason: SqlValues.ReadString(r, 2)),
            ("$s", sweepId));
        foreach (var (key, state, reason) in keys)
        {
            session.Execute("""
                UPDATE runs SET state = 'pending', reason = NULL, finished_utc = NULL WHERE run_key = $k
                """, ("$k", key));
            InsertEvent(session, new RunKey(key), "reset", $"{state} run returned to pending for a retry (was: {reason})");
        }
        return keys.Count;
    });

    private void Finish(SqlSession session, RunKey runKey, RunState state, string? reason) =>
        session.Execute("""
            UPDATE runs SET state = $state, reason = $reason, lease_owner = NULL, lease_expires_utc = NULL,
                finished_utc = $now
            WHERE run_key = $k
            """, ("$state", state.ToSql()), ("$reason", reason), ("$now", SqlValues.Time(Now)), ("$k", runKey.Value));

    // Called inside the write transaction, so the check and the write that follows it see the same row.
    private void RequireHeld(SqlSession session, RunKey runKey, string owner, params RunState[] allowed)
    {
        var row = session.Query("SELECT state, lease_owner FROM runs WHERE run_key = $k",
            r => (State: RunStateNames.Parse(r.GetString(0)), Owner: SqlValues.ReadString(r, 1)),
            ("$k", runKey.Value));
        if (row.Count == 0)
        {
            throw new ArgumentException($"no run {runKey} in store {Path}", nameof(runKey));
        }
        var (state, holder) = row[0];
        if (state.IsTerminal())
        {
            throw new LeaseLostException(runKey, $"run {runKey} is {state.ToSql()}; terminal runs are immutable");
        }
        if (holder != owner)
        {
            throw new LeaseLostException(runKey,
                $"run {runKey} is held by {holder ?? "nobody"}, not {owner}: the lease was lost");
        }
        if (!allowed.Contains(state))
        {
            // The caller holds the run but skipped a step of the state machine: a bug, not a lost lease.
            throw new InvalidOperationException(
                $"run {runKey} is {state.ToSql()}; this step needs it " +
                string.Join(" or ", allowed.Select(s => s.ToSql())));
        }
    }
}
