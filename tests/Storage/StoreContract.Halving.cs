using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Config;

namespace VaeSweep.Tests.StoreTests;

/// <summary>The store's part of successive halving, for every store: parking at a rung, the one decision per rung,
/// the state 'stopped' and its way back.</summary>
public abstract partial class StoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    // Claims the next run, records its first epoch and parks it at rung 1 with the given value.
    private static RunKey TrainToRung(IStore store, long sweepId, double value)
    {
        var run = store.TryClaimRun(sweepId, "w", Lease) ?? throw new InvalidOperationException("nothing to claim");
        store.RecordEpoch(run.RunKey, "w", TempStore.Epoch(0));
        store.Park(run.RunKey, "w", sweepId, 1, 10, value);
        return run.RunKey;
    }

    [Fact]
    public void A_rung_is_decided_once_every_run_has_reached_it_and_stops_the_lower_half()
    {
        var (store, sweepId, keys) = Sweep(4);
        double[] values = [-100, -90, -120, -95];
        for (var i = 0; i < 3; i++) Assert.Equal(keys[i], TrainToRung(store, sweepId, values[i]));

        Assert.Empty(store.DecideRung(sweepId, 1, 0.5));
        Assert.All(store.Runs(sweepId).Take(3), r => Assert.Equal((RunState.Pending, null), (r.State, r.LeaseOwner)));
        // The last run has recorded the rung's epoch and is measuring its value: it is still coming.
        store.TryClaimRun(sweepId, "w", Lease);
        store.RecordEpoch(keys[3], "w", TempStore.Epoch(0));
        Assert.Empty(store.DecideRung(sweepId, 1, 0.5));
        store.Park(keys[3], "w", sweepId, 1, 10, values[3]);
        Assert.Null(store.TryClaimRun(sweepId, "w", Lease));

        var decided = store.DecideRung(sweepId, 1, 0.5);

        Assert.Equal([keys[1], keys[3], keys[0], keys[2]], decided.Select(r => new RunKey(r.RunKey)));
        Assert.Equal([RungDecision.Kept, RungDecision.Kept, RungDecision.Stopped, RungDecision.Stopped],
            decided.Select(r => r.Decision!.Value));
        var runs = store.Runs(sweepId);
        Assert.Equal([RunState.Stopped, RunState.Pending, RunState.Stopped, RunState.Pending], runs.Select(r => r.State));
        Assert.Contains("ranked 3 of 4, 2 kept", runs[0].Reason);
        Assert.Empty(store.DecideRung(sweepId, 1, 0.5));
        Assert.Equal(decided.OrderBy(r => r.Position), store.Rungs(sweepId));
        Assert.Equal(keys[1], store.TryClaimRun(sweepId, "w", Lease)!.RunKey);
        Assert.Equal(2, store.Counts(sweepId)[RunState.Stopped]);
    }

    [Fact]
    public void A_run_that_fails_before_the_rung_drops_out_of_its_competition()
    {
        var (store, sweepId, keys) = Sweep(3);
        TrainToRung(store, sweepId, -100);
        TrainToRung(store, sweepId, -90);
        store.TryClaimRun(sweepId, "w", Lease);
        Assert.Empty(store.DecideRung(sweepId, 1, 0.5));
        store.Fail(keys[2], "w", RunState.Diverged, "loss became NaN");

        var decided = store.DecideRung(sweepId, 1, 0.5);

        Assert.Equal([(keys[1], RungDecision.Kept), (keys[0], RungDecision.Stopped)],
            decided.Select(r => (new RunKey(r.RunKey), r.Decision!.Value)));
    }

    [Fact]
    public void A_sweep_that_no_longer_halves_resumes_its_stopped_runs_and_releases_those_waiting()
    {
        var (store, sweepId, keys) = Sweep(2);
        TrainToRung(store, sweepId, -100);
        TrainToRung(store, sweepId, -90);
        store.DecideRung(sweepId, 1, 0.5);
        store.TryClaimRun(sweepId, "w", Lease);
        store.RecordEpoch(keys[1], "w", TempStore.Epoch(1));
        store.Park(keys[1], "w", sweepId, 2, 10, -80);
        Assert.Null(store.TryClaimRun(sweepId, "w", Lease));

        Assert.Equal(1, store.ResumeStopped(sweepId));

        Assert.All(store.Runs(sweepId), r => Assert.Equal(RunState.Pending, r.State));
        Assert.Null(store.Runs(sweepId)[0].Reason);
        Assert.Equal([keys[0], keys[1]], [store.TryClaimRun(sweepId, "w", Lease)!.RunKey, store.TryClaimRun(sweepId, "v", Lease)!.RunKey]);
        Assert.Equal([1, 1], store.Rungs(sweepId).Select(r => r.Rung));
    }

    [Fact]
    public void Only_the_holder_of_a_running_run_parks_it()
    {
        var (store, sweepId, keys) = Sweep(1);
        store.TryClaimRun(sweepId, "w", Lease);

        Assert.Throws<LeaseLostException>(() => store.Park(keys[0], "other", sweepId, 1, 10, -90));
        Assert.Empty(store.Rungs(sweepId));
        Assert.ThrowsAny<Exception>(() => Raw($"UPDATE runs SET state = 'stopped' WHERE run_key = '{keys[0]}'"));
    }

    [Fact]
    public void A_run_that_reaches_a_rung_decided_without_it_is_kept_at_once()
    {
        var (store, sweepId, keys) = Sweep(2);
        store.TryClaimRun(sweepId, "w", Lease);
        store.Fail(keys[0], "w", RunState.Failed, "broken");
        TrainToRung(store, sweepId, -100);
        Assert.Single(store.DecideRung(sweepId, 1, 0.5));
        store.ResetFailed(sweepId);

        Assert.Equal(keys[0], TrainToRung(store, sweepId, -90));

        Assert.Equal(RungDecision.Kept, store.Rungs(sweepId).Single(r => r.RunKey == keys[0].Value).Decision);
        Assert.Equal([keys[0], keys[1]], [store.TryClaimRun(sweepId, "w", Lease)!.RunKey, store.TryClaimRun(sweepId, "v", Lease)!.RunKey]);
    }
}
