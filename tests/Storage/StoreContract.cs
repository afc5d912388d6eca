using System.Collections.Concurrent;
using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;

namespace VaeSweep.Tests.StoreTests;

/// <summary>
/// The store contract, checked the same way for every implementation of <see cref="IStore"/> (SQLite and
/// PostgreSQL): claims under contention, leases and takeover, the state machine below the API, non-finite metrics,
/// migrations, and a client cut off mid-transaction.
/// </summary>
public abstract partial class StoreContract
{
    protected ManualClock Clock { get; } = new();

    /// <summary>Another instance on the same store, as a second process would open it.</summary>
    protected abstract IStore Open();

    /// <summary>SQL run outside the store; throws what the database raises.</summary>
    protected abstract void Raw(string sql);

    protected abstract object? RawScalar(string sql);

    /// <summary>A client that claims the run by hand inside a transaction and dies before committing.</summary>
    protected abstract void DieMidTransaction(string runKey);

    private (IStore Store, long SweepId, RunKey[] Keys) Sweep(int runs)
    {
        var store = Open();
        var sweep = store.EnsureSweep("sweep", "name: sweep", "{\"name\":\"sweep\"}");
        var keys = Enumerable.Range(0, runs).Select(i => new RunKey($"r{i}")).ToArray();
        store.AddRuns(sweep.Id, keys.Select(k => new PlannedRun(k, ConfigOf(k), "{}")));
        return (store, sweep.Id, keys);
    }

    // Run rI's config: the default one with seed I, so that claims can compare parsed configs.
    private static string ConfigOf(RunKey key) => CanonicalConfig.ToJson(new RunConfig { Seed = long.Parse(key.Value[1..]) });

    [Fact]
    public void Eight_claimers_at_once_never_take_a_run_twice()
    {
        var (_, sweepId, keys) = Sweep(40);
        var claims = new ConcurrentBag<(string Owner, RunKey Key)>();
        var stores = Enumerable.Range(0, 8).Select(_ => Open()).ToList();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            while (stores[i].TryClaimRun(sweepId, $"owner-{i}", TimeSpan.FromMinutes(1)) is { } claim)
                claims.Add(($"owner-{i}", claim.RunKey));
        });
        Assert.Equal(keys.Select(k => k.Value).Order(), claims.Select(c => c.Key.Value).Order());
        foreach (var store in stores) store.Dispose();
    }

    // Runs r0..r{n-1} with seed I: "shape" A for even I, B for odd I.
    private static bool SameParity(RunConfig first, RunConfig other) => first.Seed % 2 == other.Seed % 2;

    [Fact]
    public void A_pack_claim_takes_the_first_run_and_the_next_that_may_share_its_pack_each_under_its_own_lease()
    {
        var (store, sweepId, keys) = Sweep(7);

        var first = store.TryClaimPack(sweepId, "a", TimeSpan.FromMinutes(1), 3, SameParity);
        var second = store.TryClaimPack(sweepId, "b", TimeSpan.FromMinutes(1), 3, SameParity);
        var third = store.TryClaimPack(sweepId, "c", TimeSpan.FromMinutes(1), 3, SameParity);

        Assert.Equal(["r0", "r2", "r4"], first.Select(c => c.RunKey.Value));
        Assert.Equal(["r1", "r3", "r5"], second.Select(c => c.RunKey.Value));
        Assert.Equal(["r6"], third.Select(c => c.RunKey.Value));
        Assert.Empty(store.TryClaimPack(sweepId, "d", TimeSpan.FromMinutes(1), 3, SameParity));
        var rows = store.Runs(sweepId).ToDictionary(r => r.RunKey);
        Assert.All(first, c => Assert.Equal(("a", RunState.Running, 3), (rows[c.RunKey].LeaseOwner, rows[c.RunKey].State, rows[c.RunKey].PackWidth)));
        Assert.Equal(1, rows[new RunKey("r6")].PackWidth);
        // One lease per run: giving one back leaves its pack mates held.
        store.Release(new RunKey("r2"), "a", "test");
        Assert.Equal(["r2"], store.TryClaimPack(sweepId, "e", TimeSpan.FromMinutes(1), 3, SameParity).Select(c => c.RunKey.Value));
        Assert.True(store.Heartbeat(new RunKey("r0"), "a", TimeSpan.FromMinutes(1)));
        Assert.False(store.Heartbeat(new RunKey("r2"), "a", TimeSpan.FromMinutes(1)));
        Assert.Equal(keys.Length, store.Runs(sweepId).Count(r => r.LeaseOwner is not null));
    }

    [Fact]
    public void Runs_left_to_evaluate_are_claimed_together_apart_from_runs_to_train_and_keep_the_pack_width_they_trained_in()
    {
        var (store, sweepId, _) = Sweep(4);
        Assert.Equal(4, store.TryClaimPack(sweepId, "a", TimeSpan.FromMinutes(1), 8, (_, _) => true).Count);
        foreach (var key in new RunKey[] { new("r0"), new("r1"), new("r3") })
        {
            store.MarkEvaluating(key, "a", 1.0);
            store.Release(key, "a", "stopped before evaluation");
        }
        store.Release(new RunKey("r2"), "a", "stopped");
        bool NotR3(RunConfig first, RunConfig other) => other.Seed != 3;

        Assert.Equal([("r0", RunState.Evaluating)],
            store.TryClaimPack(sweepId, "b", TimeSpan.FromMinutes(1), 1, NotR3).Select(c => (c.RunKey.Value, c.State)));
        store.Release(new RunKey("r0"), "b", "test");
        var claim = store.TryClaimPack(sweepId, "b", TimeSpan.FromMinutes(1), 8, NotR3);

        // r2 trains, so it joins no evaluation; r3 is refused by canShare.
        Assert.Equal([("r0", RunState.Evaluating), ("r1", RunState.Evaluating)], claim.Select(c => (c.RunKey.Value, c.State)));
        Assert.All(store.Runs(sweepId), r => Assert.Equal(4, r.PackWidth));
        Assert.Equal([("r2", RunState.Running)],
            store.TryClaimPack(sweepId, "c", TimeSpan.FromMinutes(1), 8, (_, _) => true).Select(c => (c.RunKey.Value, c.State)));
        Assert.Equal([("r3", RunState.Evaluating)],
            store.TryClaimPack(sweepId, "d", TimeSpan.FromMinutes(1), 8, (_, _) => true).Select(c => (c.RunKey.Value, c.State)));
    }

    [Fact]
    public void Eight_pack_claimers_at_once_never_take_a_run_twice()
    {
        var (_, sweepId, keys) = Sweep(40);
        var claims = new ConcurrentBag<(string Owner, RunKey Key)>();
        var stores = Enumerable.Range(0, 8).Select(_ => Open()).ToList();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            while (stores[i].TryClaimPack(sweepId, $"owner-{i}", TimeSpan.FromMinutes(1), 3, SameParity) is { Count: > 0 } pack)
                foreach (var claim in pack) claims.Add(($"owner-{i}", claim.RunKey));
        });
        Assert.Equal(keys.Select(k => k.Value).Order(), claims.Select(c => c.Key.Value).Order());
        foreach (var store in stores) store.Dispose();
    }

    [Fact]
    public void An_expired_lease_is_taken_over_and_the_old_owner_loses_every_write()
    {
        var (store, sweepId, keys) = Sweep(1);
        var other = Open();
        Assert.Equal(keys[0], store.TryClaimRun(sweepId, "a", TimeSpan.FromMinutes(1))!.RunKey);
        Assert.Null(other.TryClaimRun(sweepId, "b", TimeSpan.FromMinutes(1)));
        Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(store.Heartbeat(keys[0], "a", TimeSpan.FromMinutes(1)));
        Clock.Advance(TimeSpan.FromSeconds(61));

        var taken = other.TryClaimRun(sweepId, "b", TimeSpan.FromMinutes(1))!;

        Assert.Equal(("a", 2), (taken.TakenOverFrom, taken.Attempts));
        Assert.False(store.Heartbeat(keys[0], "a", TimeSpan.FromMinutes(1)));
        Assert.Throws<LeaseLostException>(() => store.RecordEpoch(keys[0], "a", TempStore.Epoch(0)));
        Assert.Single(other.Events(keys[0]), e => e.Kind == "takeover");
        other.RecordEpoch(keys[0], "b", TempStore.Epoch(0));
    }

    [Fact]
    public void A_run_goes_through_its_states_and_a_terminal_run_is_immutable()
    {
        var (store, sweepId, keys) = Sweep(1);
        store.TryClaimRun(sweepId, "a", TimeSpan.FromMinutes(1));
        Assert.Throws<InvalidOperationException>(() => store.Complete(keys[0], "a", TempStore.Evaluation(), []));
        store.RecordEpoch(keys[0], "a", TempStore.Epoch(0));
        store.MarkEvaluating(keys[0], "a", 1.5);
        store.Complete(keys[0], "a", TempStore.Evaluation(), [new BoundRecord(1, -95.5, 0.25)]);

        var run = Assert.Single(store.Runs(sweepId));
        Assert.Equal((RunState.Completed, null, 0, -88.25), (run.State, run.LeaseOwner, run.LatestEpoch, run.LogLikelihood));
        Assert.Throws<LeaseLostException>(() => store.RecordEpoch(keys[0], "a", TempStore.Epoch(1)));
        Assert.Null(store.TryClaimRun(sweepId, "b", TimeSpan.FromMinutes(1)));
        Assert.Equal(1, store.Counts(sweepId)[RunState.Completed]);
    }

    [Fact]
    public void Replanning_drops_runs_without_results_keeps_one_another_sweep_shares_and_refuses_one_with_an_epoch()
    {
        var (store, sweepId, keys) = Sweep(3);
        var other = store.EnsureSweep("other", "name: other", "{\"name\":\"other\"}");
        store.AddRuns(other.Id, [new PlannedRun(keys[1], ConfigOf(keys[1]), "{}")]);
        store.TryClaimRun(sweepId, "a", TimeSpan.FromMinutes(1));
        store.RecordEpoch(keys[0], "a", TempStore.Epoch(0));

        Assert.Throws<InvalidOperationException>(() => store.DropUnstartedRuns(sweepId, [keys[0]], "data.path changed"));
        store.DropUnstartedRuns(sweepId, [keys[1], keys[2]], "data.path changed");

        Assert.Equal([keys[0]], store.Runs(sweepId).Select(r => r.RunKey));
        Assert.Equal([keys[1]], store.Runs(other.Id).Select(r => r.RunKey));
        Assert.Contains(store.Events(), e => e.Kind == "replanned" && e.Message.Contains(keys[2].Value));
    }

    [Fact]
    public void The_k_hat_summary_probe_accuracy_and_mutual_information_read_back_with_their_evaluation_and_an_evaluation_without_them_has_none()
    {
        var (store, sweepId, keys) = Sweep(2);
        foreach (var key in keys)
        {
            store.TryClaimRun(sweepId, "a", TimeSpan.FromMinutes(1));
            store.MarkEvaluating(key, "a", 1);
        }

        var information = new MutualInformationEstimate(4.125, 0.0625, 1000);
        store.Complete(keys[0], "a", TempStore.Evaluation() with
        {
            KHat = new KHatSummary(0.0375, 0.41), ProbeAccuracy = 0.8125, MutualInformation = information,
        }, []);
        store.Complete(keys[1], "a", TempStore.Evaluation(), []);

        var first = store.Evaluation(keys[0])!;
        var second = store.Evaluation(keys[1])!;
        Assert.Equal((new KHatSummary(0.0375, 0.41), 0.8125, information), (first.KHat, first.ProbeAccuracy, first.MutualInformation));
        Assert.Equal((null, null, null), (second.KHat, second.ProbeAccuracy, second.MutualInformation));
    }

    [Fact]
    public void The_M2_classifier_accuracy_reads_back_with_its_epoch_and_its_evaluation_and_is_null_elsewhere()
    {
        var (store, sweepId, keys) = Sweep(2);
        foreach (var key in keys) store.TryClaimRun(sweepId, "a", TimeSpan.FromMinutes(1));
        store.RecordEpoch(keys[0], "a", TempStore.Epoch(0) with { ClassifierAccuracy = 0.625 });
        store.RecordEpoch(keys[1], "a", TempStore.Epoch(0));
        foreach (var key in keys) store.MarkEvaluating(key, "a", 1);
        store.Complete(keys[0], "a", TempStore.Evaluation() with { ClassifierAccuracy = 0.8125 }, []);
        store.Complete(keys[1], "a", TempStore.Evaluation(), []);

        Assert.Equal((0.625, 0.8125), (store.Epochs(keys[0])[0].ClassifierAccuracy, store.Evaluation(keys[0])!.ClassifierAccuracy));
        Assert.Equal((null, null), (store.Epochs(keys[1])[0].ClassifierAccuracy, store.Evaluation(keys[1])!.ClassifierAccuracy));
    }

    [Fact]
    public void Per_point_log_likelihoods_read_back_bit_for_bit_and_only_an_evaluating_run_takes_them()
    {
        var (store, sweepId, keys) = Sweep(2);
        foreach (var key in keys)
        {
            store.TryClaimRun(sweepId, "a", TimeSpan.FromMinutes(1));
            store.MarkEvaluating(key, "a", 1);
        }
        var values = new[] { -88.125, double.NegativeInfinity, -1e-300, Math.PI };

        store.Complete(keys[0], "a", TempStore.Evaluation(), [], new EvaluationPoints("mnist test 0-3", values));
        store.Complete(keys[1], "a", TempStore.Evaluation(), []);

        var read = store.Points(keys[0])!;
        Assert.Equal("mnist test 0-3", read.Points);
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), read.LogLikelihoods.Select(BitConverter.DoubleToInt64Bits));
        Assert.Null(store.Points(keys[1]));
        Assert.ThrowsAny<Exception>(() => Raw(
            $"INSERT INTO evaluation_points (run_key, points, n, log_likelihoods) VALUES ('{keys[1]}', 'p', 0, '')"));
    }

    [Theory]
    [InlineData("UPDATE runs SET state = 'completed'")]
    [InlineData("UPDATE runs SET state = 'running', lease_owner = 'x', lease_expires_utc = created_utc WHERE state = 'completed'")]
    [InlineData("UPDATE runs SET state = 'stopped' WHERE state = 'completed'")]
    public void The_schema_refuses_a_transition_the_state_machine_lacks(string sql)
    {
        var (store, sweepId, keys) = Sweep(2);
        store.TryClaimRun(sweepId, "a", TimeSpan.FromMinutes(1));
        store.MarkEvaluating(keys[0], "a", 1);
        store.Complete(keys[0], "a", TempStore.Evaluation(), []);

        var e = Assert.ThrowsAny<Exception>(() => Raw(sql));

        Assert.Contains("illegal run state transition", e.Message);
    }

    [Fact]
    public void Non_finite_metrics_read_back_as_they_were_and_null_stays_unmeasured()
    {
        var (store, sweepId, keys) = Sweep(1);
        store.TryClaimRun(sweepId, "a", TimeSpan.FromMinutes(1));
        var epoch = TempStore.Epoch(0, double.NaN) with
        {
            TrainElbo = double.NegativeInfinity, TrainKl = double.PositiveInfinity, ValidElbo = null, TrainRecon = -0.0,
        };
        store.RecordEpoch(keys[0], "a", epoch);

        var read = Assert.Single(store.Epochs(keys[0]));

        Assert.True(double.IsNaN(read.TrainLoss));
        Assert.Equal((double.NegativeInfinity, double.PositiveInfinity, (double?)null),
            (read.TrainElbo!.Value, read.TrainKl!.Value, read.ValidElbo));
    }

    [Fact]
    public void Opening_again_applies_no_migration_twice_and_a_newer_schema_is_refused()
    {
        using (var first = Open())
        using (var second = Open())
            Assert.Equal(first.Sweeps().Count, second.Sweeps().Count);
        // Each numbered migration recorded once, none skipped (the two stores may be at different versions).
        Assert.Equal(Convert.ToInt64(RawScalar("SELECT max(version) FROM schema_migrations")),
            Convert.ToInt64(RawScalar("SELECT count(*) FROM schema_migrations")));

        Raw("INSERT INTO schema_migrations (version, name, applied_utc) VALUES (99, 'from the future', CURRENT_TIMESTAMP)");

        var e = Assert.Throws<StoreException>(() => Open());
        Assert.Contains("schema version 99 was written by a newer VaeSweep", e.Message);
    }

    [Fact]
    public void A_store_reads_back_whole_as_sweep_records_for_reports()
    {
        var (store, sweepId, keys) = Sweep(2);
        store.TryClaimRun(sweepId, "a", TimeSpan.FromMinutes(1));
        store.RecordEpoch(keys[0], "a", TempStore.Epoch(0));
        store.MarkEvaluating(keys[0], "a", 1.5);
        store.Complete(keys[0], "a", TempStore.Evaluation(), [new BoundRecord(1, -95.5, 0.25)]);
        store.AddArtifact(keys[0], "latent-embedding", "pictures/latent-embedding.svg");
        store.AddArtifact(keys[0], "latent-embedding", "pictures/latent-embedding.png");

        var sweep = Assert.Single(StoreReader.Read(store, "/runs"));

        Assert.Equal(("sweep", store.Path, "/runs"), (sweep.Name, sweep.Store, sweep.ArtifactFolder));
        Assert.Equal(keys.Select(k => k.Value), sweep.Runs.Select(r => r.RunKey));
        var (done, pending) = (sweep.Runs[0], sweep.Runs[1]);
        Assert.Equal((RunState.Completed, 1.5, ConfigOf(keys[0])), (done.State, done.TrainSeconds, done.ConfigJson));
        Assert.Equal(TempStore.Evaluation(), done.Evaluation);
        Assert.Equal([TempStore.Epoch(0)], done.Epochs);
        Assert.Equal([new BoundRecord(1, -95.5, 0.25)], done.Bounds);
        Assert.Equal([new ArtifactRecord("latent-embedding", "pictures/latent-embedding.svg"),
            new ArtifactRecord("latent-embedding", "pictures/latent-embedding.png")], done.Artifacts);
        Assert.Equal((RunState.Pending, null, 0, 0), (pending.State, pending.Evaluation, pending.Epochs.Count, pending.Artifacts.Count));
    }

    [Fact]
    public void A_client_killed_mid_transaction_leaves_nothing_and_the_run_stays_claimable()
    {
        var (store, sweepId, keys) = Sweep(1);

        DieMidTransaction(keys[0].Value);

        var run = Assert.Single(store.Runs(sweepId));
        Assert.Equal((RunState.Pending, null, 0), (run.State, run.LeaseOwner, run.Attempts));
        Assert.Equal(keys[0], store.TryClaimRun(sweepId, "b", TimeSpan.FromMinutes(1))!.RunKey);
    }
}
