using VaeSweep.Core.Config;
using System.Collections.Concurrent;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;

namespace VaeSweep.Tests.StoreTests;

public sealed class ClaimTests
{
    [Fact]
    public void Claims_follow_plan_order_and_stop_when_nothing_is_claimable()
    {
        using var temp = new TempStore();
        var (sweepId, keys) = temp.Sweep(3);

        var claimed = Enumerable.Range(0, 4).Select(_ => temp.Store.TryClaimRun(sweepId, "a", TempStore.Lease))
            .ToList();

        Assert.Equal(keys, claimed.Take(3).Select(c => c!.RunKey));
        Assert.All(claimed.Take(3), c => Assert.Equal((RunState.Running, 1, (string?)null),
            (c!.State, c.Attempts, c.TakenOverFrom)));
        Assert.Null(claimed[3]);
    }

    [Fact]
    public void Claim_is_exclusive_under_contention_between_store_instances()
    {
        const int Workers = 6, Runs = 60;
        using var temp = new TempStore();
        var (sweepId, keys) = temp.Sweep(Runs);
        var stores = Enumerable.Range(0, Workers).Select(_ => temp.OpenAnother()).ToArray();
        var claims = new ConcurrentBag<(int Worker, RunKey RunKey)>();
        using var start = new Barrier(Workers);

        // SQLite's busy handler lets one writer keep the lock for many claims in a row, so a worker could take
        // all 60 before the others wake (seen in CI, about one run in five). Capping each worker's share makes at
        // least three workers claim concurrently every time, which is what this test is about.
        const int Share = 2 * Runs / Workers;
        var errors = new ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, Workers).Select(w => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                // Bounded, so that a claim that hands runs out twice fails the assertions instead of spinning.
                var mine = 0;
                while (mine < Share && claims.Count <= Runs
                       && stores[w].TryClaimRun(sweepId, $"worker-{w}", TempStore.Lease) is { } run)
                {
                    claims.Add((w, run.RunKey));
                    mine++;
                }
            }
            catch (Exception e)
            {
                // An exception escaping a thread would kill the test host rather than fail this test.
                errors.Enqueue(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(errors);
        Assert.Equal(keys.Select(k => k.Value).Order(), claims.Select(c => c.RunKey.Value).Order());
        Assert.True(claims.Select(c => c.Worker).Distinct().Count() >= Runs / Share, "the cap was not applied");
        var runs = temp.Store.Runs(sweepId);
        Assert.All(runs, r => Assert.Equal(1, r.Attempts));
        Assert.All(runs, r => Assert.Equal(
            $"worker-{claims.Single(c => c.RunKey == r.RunKey).Worker}", r.LeaseOwner));
    }

    public static TheoryData<string, int, bool> ExpiryCases => new()
    {
        { "just-before-expiry", 59, false },
        { "at-expiry", 60, true },
        { "long-after-expiry", 3600, true },
    };

    [Theory]
    [MemberData(nameof(ExpiryCases))]
    public void A_stale_lease_is_taken_over_after_expiry_and_not_before(string name, int seconds, bool taken)
    {
        using var temp = new TempStore();
        var (sweepId, keys) = temp.Sweep(1);
        temp.Store.TryClaimRun(sweepId, "crashed", TempStore.Lease);
        temp.Clock.Advance(TimeSpan.FromSeconds(seconds));

        var claim = temp.OpenAnother().TryClaimRun(sweepId, "successor", TempStore.Lease);

        Assert.True(taken == claim is not null, name);
        if (taken)
        {
            Assert.Equal((keys[0], 2, "crashed", RunState.Running),
                (claim!.RunKey, claim.Attempts, claim.TakenOverFrom, claim.State));
            var takeover = Assert.Single(temp.Store.Events(keys[0]));
            Assert.Equal("takeover", takeover.Kind);
            Assert.Contains("crashed", takeover.Message);
        }
    }

    [Fact]
    public void A_heartbeat_keeps_the_lease_from_expiring()
    {
        using var temp = new TempStore();
        var (sweepId, keys) = temp.Sweep(1);
        temp.Store.TryClaimRun(sweepId, "a", TempStore.Lease);

        temp.Clock.Advance(TimeSpan.FromSeconds(50));
        Assert.True(temp.Store.Heartbeat(keys[0], "a", TempStore.Lease));
        temp.Clock.Advance(TimeSpan.FromSeconds(50));

        Assert.Null(temp.Store.TryClaimRun(sweepId, "b", TempStore.Lease));
    }

    [Fact]
    public void An_evaluating_run_taken_over_stays_evaluating()
    {
        using var temp = new TempStore();
        var (sweepId, keys) = temp.Sweep(1);
        temp.Store.TryClaimRun(sweepId, "a", TempStore.Lease);
        temp.Store.MarkEvaluating(keys[0], "a", trainSeconds: 12);
        temp.Clock.Advance(TempStore.Lease);

        var claim = temp.Store.TryClaimRun(sweepId, "b", TempStore.Lease);

        Assert.Equal(RunState.Evaluating, claim!.State);
    }

    public static TheoryData<RunState, RunState> ReleaseCases => new()
    {
        { RunState.Running, RunState.Pending },
        { RunState.Evaluating, RunState.Evaluating },
    };

    [Theory]
    [MemberData(nameof(ReleaseCases))]
    public void Release_clears_the_lease_records_an_event_and_makes_the_run_claimable_at_once(
        RunState before, RunState after)
    {
        using var temp = new TempStore();
        var (sweepId, keys) = temp.Sweep(1);
        temp.Store.TryClaimRun(sweepId, "a", TempStore.Lease);
        if (before == RunState.Evaluating)
        {
            temp.Store.MarkEvaluating(keys[0], "a", trainSeconds: 1);
        }

        temp.Store.Release(keys[0], "a", "SIGINT");

        var run = Assert.Single(temp.Store.Runs(sweepId));
        Assert.Equal((after, (string?)null, (DateTimeOffset?)null), (run.State, run.LeaseOwner, run.LeaseExpiresUtc));
        Assert.Equal("interrupted", Assert.Single(temp.Store.Events(keys[0])).Kind);
        Assert.Equal(keys[0], temp.Store.TryClaimRun(sweepId, "b", TempStore.Lease)!.RunKey);
        Assert.Empty(temp.Store.CheckInvariants());
    }
}
