using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Scheduling;
using VaeSweep.Tests.StoreTests;

namespace VaeSweep.Tests.Scheduling;

/// <summary>
/// What running a sweep file against an existing store does to it: execution settings reach the runs not yet
/// completed, defaults changed since the sweep was recorded are refused, and stores keyed the old way are refused.
/// </summary>
public sealed class SweepSyncTests
{
    private const string Sweep = """
        sweep: {name: sync}
        base: {training: {epochs: 2}}
        grid: {objective.beta: [0.5, 1]}
        """;

    private static SweepConfig Load(string text) => ConfigLoader.LoadString(text, "sync.yaml");

    [Fact]
    public void Execution_settings_reach_runs_not_yet_completed_and_keep_keys()
    {
        using var temp = new TempStore();
        var first = SweepSync.Apply(temp.Store, Load(Sweep));
        var done = first.Plan.Runs[0].Key;
        CompleteRun(temp.Store, first.Sweep.Id, done);

        var retuned = SweepSync.Apply(temp.Store, Load(Sweep.Replace("epochs: 2}", "epochs: 2}, evaluation: {chunk_size: 500}")));

        Assert.Equal(first.Plan.Runs.Select(r => r.Key), retuned.Plan.Runs.Select(r => r.Key));
        Assert.Equal(0, retuned.NewRuns);
        Assert.Equal(["base.evaluation.chunk_size: 2000 -> 500"], retuned.ExecutionChanges);
        var chunks = temp.Store.Runs(first.Sweep.Id)
            .ToDictionary(r => r.RunKey, r => r.Config.Evaluation.ChunkSize);
        Assert.Equal(2000, chunks[done]);
        Assert.Equal(500, chunks[first.Plan.Runs[1].Key]);
        Assert.Contains("chunk_size: 500", temp.Store.Sweeps().Single().ConfigText);
    }

    [Fact]
    public void A_default_changed_since_the_sweep_was_recorded_is_refused_and_pinning_it_resumes()
    {
        using var temp = new TempStore();
        var sweep = Load(Sweep);
        // Record the sweep as an older vaesweep would have, had its default lr been 0.002.
        var older = sweep.Base with { Training = sweep.Base.Training with { Lr = 0.002 } };
        var info = temp.Store.EnsureSweep("sync", sweep.SourceText, CanonicalConfig.ToJson(older));
        var oldRuns = Planner.Expand(Load(Sweep.Replace("epochs: 2}", "epochs: 2, lr: 0.002}"))).Runs;
        temp.Store.AddRuns(info.Id, oldRuns.Select(r => new PlannedRun(r.Key, r.CanonicalJson, SweepSync.AxesJson(r))));
        // A run with results: without one the changed default would only replan runs that never trained.
        CompleteRun(temp.Store, info.Id, oldRuns[0].Key);

        var refused = Assert.Throws<SweepChangedException>(() => SweepSync.Apply(temp.Store, sweep));

        Assert.Equal(["base.training.lr: 0.002 -> 0.001"], refused.Changes);
        Assert.Contains("other defaults than this vaesweep's", refused.Message);
        Assert.Equal(2, temp.Store.Runs(info.Id).Count);
        var pinned = SweepSync.Apply(temp.Store, Load(Sweep.Replace("epochs: 2}", "epochs: 2, lr: 0.002}")));
        Assert.Equal(0, pinned.NewRuns);
        Assert.Equal(oldRuns.Select(r => r.Key), temp.Store.Runs(info.Id).Select(r => r.RunKey));
    }

    [Fact]
    public void A_store_whose_keys_hashed_execution_settings_is_refused()
    {
        using var temp = new TempStore();
        var sweep = Load(Sweep);
        var info = temp.Store.EnsureSweep("sync", sweep.SourceText, CanonicalConfig.ToJson(sweep.Base));
        var run = Planner.Expand(sweep).Runs[0];
        temp.Store.AddRuns(info.Id, [new PlannedRun(new RunKey("00112233aabbccdd"), run.CanonicalJson, SweepSync.AxesJson(run))]);

        var refused = Assert.Throws<StoreException>(() => SweepSync.Apply(temp.Store, sweep));

        Assert.Contains("older vaesweep", refused.Message);
        Assert.Single(temp.Store.Runs(info.Id));
    }

    [Fact]
    public void A_key_recorded_with_another_run_is_still_refused()
    {
        using var temp = new TempStore();
        var first = SweepSync.Apply(temp.Store, Load(Sweep));
        var run = first.Plan.Runs[0];
        var other = CanonicalConfig.ToJson(run.Config with { Seed = 99 });

        Assert.Throws<InvalidOperationException>(() => temp.Store.AddRuns(first.Sweep.Id,
            [new PlannedRun(run.Key, other, SweepSync.AxesJson(run))], SweepSync.SameRun));
    }

    [Fact]
    public void A_setting_changed_under_runs_that_never_completed_an_epoch_replans_them()
    {
        using var temp = new TempStore();
        var first = SweepSync.Apply(temp.Store, Load(Sweep));
        // One run was claimed and its process died before its first epoch; the other never started.
        Assert.NotNull(temp.Store.TryClaimRun(first.Sweep.Id, "test:1:w0", TempStore.Lease));
        temp.Clock.Advance(TempStore.Lease * 2);

        var changed = SweepSync.Apply(temp.Store, Load(Sweep.Replace("epochs: 2}", "epochs: 3}")));

        Assert.Equal(first.Plan.Runs.Select(r => r.Key.Value).Order(), changed.Verdict.Replanned.Select(k => k.Value).Order());
        Assert.Equal(2, changed.NewRuns);
        var runs = temp.Store.Runs(first.Sweep.Id);
        Assert.Equal(changed.Plan.Runs.Select(r => r.Key), runs.Select(r => r.RunKey));
        Assert.All(runs, r => Assert.Equal(3, r.Config.Training.Epochs));
        Assert.Contains(temp.Store.Events(), e => e.Kind == "replanned");
        Assert.Contains("replanned", string.Join(" ", changed.Verdict.Describe(changed.NewRuns)));
    }

    [Fact]
    public void A_setting_changed_under_a_run_with_an_epoch_is_refused_and_writes_nothing()
    {
        using var temp = new TempStore();
        var first = SweepSync.Apply(temp.Store, Load(Sweep));
        var key = temp.Store.TryClaimRun(first.Sweep.Id, "test:1:w0", TempStore.Lease)!.RunKey;
        temp.Store.RecordEpoch(key, "test:1:w0", TempStore.Epoch(0));

        var refused = Assert.Throws<SweepChangedException>(() => SweepSync.Apply(temp.Store, Load(Sweep.Replace("epochs: 2}", "epochs: 3}"))));

        Assert.Equal(["base.training.epochs: 2 -> 3"], refused.Changes);
        Assert.Equal(first.Plan.Runs.Select(r => r.Key), temp.Store.Runs(first.Sweep.Id).Select(r => r.RunKey));
    }

    private static void CompleteRun(Store store, long sweepId, RunKey key)
    {
        const string owner = "test:1:w0";
        // Claims follow plan order, and the run to complete is the first.
        Assert.Equal(key, store.TryClaimRun(sweepId, owner, TempStore.Lease)?.RunKey);
        store.MarkEvaluating(key, owner, 1.0);
        store.Complete(key, owner, TempStore.Evaluation(), [new BoundRecord(5000, -88.25, 0.1)]);
    }
}
