using VaeSweep.Core.Platform;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Config;

namespace VaeSweep.Tests.StoreTests;

public sealed class MergeTests : IDisposable
{
    private readonly TempStore _a = new();
    private readonly TempStore _b = new();
    private readonly string _outFolder = Path.Combine(Path.GetTempPath(), "vaesweep-merge-tests", Guid.NewGuid().ToString("N"));

    private string OutPath => Path.Combine(_outFolder, "merged.db");

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        if (Directory.Exists(_outFolder)) Directory.Delete(_outFolder, recursive: true);
    }

    [Fact]
    public void Parts_that_each_finished_some_runs_merge_into_one_complete_healthy_store()
    {
        var (sweepA, keys) = _a.Sweep(3);
        var (sweepB, _) = _b.Sweep(3);
        Finish(_a, sweepA, index: 0, loss: 90.5);
        Finish(_a, sweepA, index: 1, loss: 91.5);
        Finish(_b, sweepB, index: 2, loss: 92.5);

        var merged = StoreMerge.Merge(OutPath, [_a.DbPath, _b.DbPath]);

        Assert.Equal([2, 1], merged.Select(p => p.Brought));
        using var output = Store.Open(OutPath);
        var sweep = Assert.Single(output.Sweeps());
        var runs = output.Runs(sweep.Id);
        Assert.Equal(keys, runs.Select(r => r.RunKey));
        Assert.All(runs, r => Assert.Equal(RunState.Completed, r.State));
        Assert.Equal([90.5, 91.5, 92.5], runs.Select(r => output.Epochs(r.RunKey).Single().TrainLoss));
        Assert.Equal(_b.Store.Evaluation(keys[2]), output.Evaluation(keys[2]));
        // The per-point values come along too, so merged runs still pair point by point.
        Assert.Equal([-93.5, -91.5], output.Points(keys[2])!.LogLikelihoods);
        // The checkpoint file came along, and its record names the copy beside the output.
        var checkpoint = output.Checkpoints(keys[2])[0];
        Assert.StartsWith(RunFolders.ForRun(OutPath, keys[2].Value), checkpoint.Path);
        Assert.Empty(output.CheckInvariants());
    }

    [Fact]
    public void A_run_halving_stopped_in_a_part_arrives_stopped_with_its_reason()
    {
        var (sweepA, keys) = _a.Sweep(2);
        _b.Sweep(2);
        foreach (var (key, value) in keys.Zip([-100.0, -90.0]))
        {
            _a.Store.TryClaimRun(sweepA, "owner-a", TempStore.Lease);
            _a.Store.RecordEpoch(key, "owner-a", TempStore.Epoch(0));
            _a.Store.Park(key, "owner-a", sweepA, 1, 10, value);
        }
        _a.Store.DecideRung(sweepA, 1, 0.5);

        StoreMerge.Merge(OutPath, [_a.DbPath, _b.DbPath]);

        using var output = Store.Open(OutPath);
        var stopped = output.Runs(Assert.Single(output.Sweeps()).Id)[0];
        Assert.Equal((RunState.Stopped, _a.Store.Runs(sweepA)[0].Reason), (stopped.State, stopped.Reason));
        Assert.Empty(output.CheckInvariants());
    }

    [Fact]
    public void Merging_the_same_parts_again_brings_nothing_and_changes_nothing()
    {
        var (sweepA, _) = _a.Sweep(2);
        _b.Sweep(2);
        Finish(_a, sweepA, index: 0, loss: 90.5);
        StoreMerge.Merge(OutPath, [_a.DbPath, _b.DbPath]);
        var before = Snapshot();

        var again = StoreMerge.Merge(OutPath, [_b.DbPath, _a.DbPath]);

        Assert.All(again, p => Assert.Equal(0, p.Brought));
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void A_run_with_different_results_in_two_parts_is_refused_and_nothing_is_written()
    {
        var (sweepA, keys) = _a.Sweep(2);
        var (sweepB, _) = _b.Sweep(2);
        Finish(_a, sweepA, index: 0, loss: 90.5);
        Finish(_b, sweepB, index: 0, loss: 90.75);

        var e = Assert.Throws<MergeConflictException>(() => StoreMerge.Merge(OutPath, [_a.DbPath, _b.DbPath]));

        Assert.Contains($"run {keys[0]} is recorded differently", e.Message);
        Assert.Contains(_a.DbPath, e.Message);
        Assert.Contains(_b.DbPath, e.Message);
        Assert.False(File.Exists(OutPath));
    }

    [Fact]
    public void A_part_that_conflicts_with_the_output_leaves_the_output_as_it_was()
    {
        var (sweepA, _) = _a.Sweep(2);
        var (sweepB, _) = _b.Sweep(2);
        Finish(_a, sweepA, index: 0, loss: 90.5);
        StoreMerge.Merge(OutPath, [_a.DbPath]);
        var before = Snapshot();
        Finish(_b, sweepB, index: 0, loss: 70.0);

        Assert.Throws<MergeConflictException>(() => StoreMerge.Merge(OutPath, [_b.DbPath]));

        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Equal_results_trained_twice_are_accepted_though_their_timings_differ()
    {
        var (sweepA, keys) = _a.Sweep(1);
        var (sweepB, _) = _b.Sweep(1);
        Finish(_a, sweepA, index: 0, loss: 90.5);
        _b.Clock.Advance(TimeSpan.FromHours(1));
        Finish(_b, sweepB, index: 0, loss: 90.5, seconds: 7.25);

        var merged = StoreMerge.Merge(OutPath, [_a.DbPath, _b.DbPath]);

        Assert.Equal([1, 0], merged.Select(p => p.Brought));
        using var output = Store.Open(OutPath);
        Assert.Equal(2.5, output.Epochs(keys[0]).Single().Seconds);
    }

    [Fact]
    public void A_run_a_killed_task_held_merges_as_pending_with_its_epochs_and_non_finite_metrics()
    {
        var (sweepA, keys) = _a.Sweep(1);
        var claimed = _a.Store.TryClaimRun(sweepA, "task-1", TempStore.Lease)!;
        _a.Store.RecordEpoch(claimed.RunKey, "task-1", TempStore.Epoch(0, loss: double.NaN) with { TrainKl = double.PositiveInfinity });

        StoreMerge.Merge(OutPath, [_a.DbPath]);

        using var output = Store.Open(OutPath);
        var sweep = Assert.Single(output.Sweeps());
        var run = Assert.Single(output.Runs(sweep.Id));
        Assert.Equal(RunState.Pending, run.State);
        Assert.Null(run.LeaseOwner);
        var epoch = output.Epochs(keys[0]).Single();
        Assert.True(double.IsNaN(epoch.TrainLoss));
        Assert.Equal(double.PositiveInfinity, epoch.TrainKl);
        // It resumes in the merged store like any released run.
        Assert.Equal(keys[0], output.TryClaimRun(sweep.Id, "next", TempStore.Lease)!.RunKey);
    }

    [Fact]
    public void Sweeps_of_one_name_with_different_configs_are_refused()
    {
        _a.Sweep(1);
        _b.Store.EnsureSweep("sweep", "name: sweep", "{\"name\":\"sweep\",\"edited\":true}");

        var e = Assert.Throws<MergeConflictException>(() => StoreMerge.Merge(OutPath, [_a.DbPath, _b.DbPath]));

        Assert.Contains("sweep 'sweep' has different configs", e.Message);
        Assert.False(File.Exists(OutPath));
    }

    [Fact]
    public void A_missing_part_is_one_store_error_and_nothing_is_written()
    {
        var missing = Path.Combine(_outFolder, "no-such-part.db");

        var e = Assert.Throws<StoreException>(() => StoreMerge.Merge(OutPath, [missing]));

        Assert.Contains($"part {missing} does not exist", e.Message);
        Assert.False(File.Exists(OutPath));
        Assert.False(File.Exists(missing));
    }

    // Claims runs in plan order until it holds the `index`th and finishes that one; the runs passed on the way are
    // given back untouched.
    private static void Finish(TempStore part, long sweepId, int index, double loss, double seconds = 2.5)
    {
        var wanted = part.Store.Runs(sweepId)[index].RunKey;
        var passed = new List<RunKey>();
        RunKey key;
        while ((key = part.Store.TryClaimRun(sweepId, "task", TempStore.Lease)!.RunKey) != wanted) passed.Add(key);
        foreach (var other in passed) part.Store.Release(other, "task", "left for another part");
        part.Store.RecordEpoch(key, "task", TempStore.Epoch(0, loss) with { Seconds = seconds });
        var folder = Path.Combine(RunFolders.ForRun(part.DbPath, key.Value), "checkpoints");
        Directory.CreateDirectory(folder);
        var bytes = BitConverter.GetBytes(loss);
        var path = Path.Combine(folder, "epoch-0001.safetensors");
        DurableFile.Write(path, bytes);
        part.Store.RecordCheckpoint(key, "task", new CheckpointRecord(1, path, bytes.Length, DurableFile.Sha256Hex(bytes)));
        part.Store.MarkEvaluating(key, "task", seconds);
        part.Store.Complete(key, "task", TempStore.Evaluation(-loss) with { KHat = new KHatSummary(0.05, 0.4), ProbeAccuracy = 0.9 },
            [new BoundRecord(1, -loss - 3, 0.5)], new EvaluationPoints("merge points", [-loss - 1, -loss + 1]));
    }

    // Every row of the output that a merge could touch, as text (RunRow's own text would parse the tests' configs).
    private string Snapshot()
    {
        using var output = Store.Open(OutPath);
        return string.Join("\n", output.Sweeps().SelectMany(s => output.Runs(s.Id)).Select(r =>
            $"{r.RunKey} {r.SweepId} {r.Position} {r.ConfigJson} {r.AxesJson} {r.State} {r.Attempts} {r.LeaseOwner} " +
            $"{r.LeaseExpiresUtc} {r.Reason} {r.StartedUtc} {r.FinishedUtc} {r.TrainSeconds} {r.LatestEpoch} {r.LogLikelihood} " +
            $"{string.Join(",", output.Epochs(r.RunKey))} {output.Evaluation(r.RunKey)} " +
            $"{string.Join(",", output.Checkpoints(r.RunKey))} {output.Events(r.RunKey).Count}"))
            + $" events:{output.Events().Count}";
    }
}
