using VaeSweep.Core.Platform;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Config;

namespace VaeSweep.Tests.StoreTests;

/// <summary>
/// A Slurm array's parts: <see cref="StoreMerge.Extract"/> cuts a task's share of a main store into a part, the task
/// works on it, and <see cref="StoreMerge.Merge"/> brings it back, the copy that went further replacing the other.
/// </summary>
public sealed class PartMergeTests : IDisposable
{
    private readonly TempStore _main = new();
    private readonly string _partsFolder = Path.Combine(Path.GetTempPath(), "vaesweep-part-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _main.Dispose();
        if (Directory.Exists(_partsFolder)) Directory.Delete(_partsFolder, recursive: true);
    }

    private string PartPath(int i) => Path.Combine(_partsFolder, $"part-{i}.db");

    [Fact]
    public void A_part_holds_only_its_share_with_what_each_run_recorded_and_no_events()
    {
        var (sweep, keys) = GivenBack(3);

        StoreMerge.Extract(_main.DbPath, "sweep", [keys[0], keys[2]], PartPath(0));

        using var part = Store.Open(PartPath(0));
        var runs = part.Runs(Assert.Single(part.Sweeps()).Id);
        Assert.Equal([keys[0], keys[2]], runs.Select(r => r.RunKey));
        Assert.All(runs, r => Assert.Equal(RunState.Pending, r.State));
        Assert.Equal(_main.Store.Epochs(keys[0]), part.Epochs(keys[0]));
        // Its checkpoints still name the main store's run folder, where the part's worker writes on.
        Assert.Equal(_main.Store.Checkpoints(keys[0]), part.Checkpoints(keys[0]));
        Assert.Empty(part.Events());
        Assert.Equal(2, part.Runs(runs[0].SweepId).Count);
        Assert.Empty(part.CheckInvariants());
    }

    [Fact]
    public void The_copy_that_went_further_replaces_the_given_back_one_and_merging_again_brings_nothing()
    {
        var (sweep, keys) = GivenBack(2);
        var eventsBefore = _main.Store.Events(keys[0]).Count;
        StoreMerge.Extract(_main.DbPath, "sweep", [keys[0]], PartPath(0));
        int partEvents;
        using (var part = Store.Open(PartPath(0)))
        {
            var partSweep = part.Sweeps().Single().Id;
            Train(part, partSweep, keys[0], from: 2, to: 4, loss: 90.5);
            // The trainer keeps the newest checkpoints only: the one the run resumed from is gone here.
            part.DeleteCheckpointRecord(keys[0], "task", 2, "pruned");
            part.Release(keys[0], "task", "signalled again");
            Train(part, partSweep, keys[0], from: 4, to: 4, loss: 90.5);
            Finish(part, keys[0]);
            partEvents = part.Events(keys[0]).Count;
        }
        _main.Store.Dispose();

        var merged = StoreMerge.Merge(_main.DbPath, [PartPath(0)]);
        var again = StoreMerge.Merge(_main.DbPath, [PartPath(0)]);

        Assert.Equal(1, merged.Single().Brought);
        Assert.Equal(0, again.Single().Brought);
        using var main = Store.Open(_main.DbPath);
        var run = main.Runs(sweep).Single(r => r.RunKey == keys[0]);
        Assert.Equal(RunState.Completed, run.State);
        Assert.Equal([0, 1, 2, 3], main.Epochs(keys[0]).Select(e => e.Epoch));
        Assert.Equal([4], main.Checkpoints(keys[0]).Select(c => c.Epoch));
        Assert.Equal(-90.5, main.Evaluation(keys[0])!.LogLikelihood);
        // Its history here stays, and the part's (the second give-back) follows it, once.
        Assert.True(partEvents > 0);
        Assert.Equal(eventsBefore + partEvents, main.Events(keys[0]).Count);
        Assert.Equal(RunState.Pending, main.Runs(sweep).Single(r => r.RunKey == keys[1]).State);
        Assert.Empty(main.CheckInvariants());
    }

    [Fact]
    public void A_part_older_than_the_main_store_brings_nothing()
    {
        var (sweep, keys) = GivenBack(1);
        StoreMerge.Extract(_main.DbPath, "sweep", [keys[0]], PartPath(0));
        StoreMerge.Extract(_main.DbPath, "sweep", [keys[0]], PartPath(1));
        using (var part = Store.Open(PartPath(1)))
        {
            Train(part, part.Sweeps().Single().Id, keys[0], from: 2, to: 4, loss: 90.5);
            Finish(part, keys[0]);
        }
        _main.Store.Dispose();
        StoreMerge.Merge(_main.DbPath, [PartPath(1)]);

        var stale = StoreMerge.Merge(_main.DbPath, [PartPath(0)]);

        Assert.Equal(0, stale.Single().Brought);
        using var main = Store.Open(_main.DbPath);
        Assert.Equal(RunState.Completed, main.Runs(sweep).Single().State);
    }

    [Fact]
    public void A_copy_that_did_not_continue_from_the_checkpoint_is_refused_and_nothing_is_written()
    {
        var (sweep, keys) = GivenBack(1);
        StoreMerge.Extract(_main.DbPath, "sweep", [keys[0]], PartPath(0));
        using (var part = Store.Open(PartPath(0)))
        {
            // Trained again from scratch with other numbers: its checkpoint after epoch 2 differs from the main's.
            using (var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={PartPath(0)};Pooling=False"))
            {
                raw.Open();
                using var command = raw.CreateCommand();
                command.CommandText = "DELETE FROM checkpoints; DELETE FROM epochs;";
                command.ExecuteNonQuery();
            }
            Train(part, part.Sweeps().Single().Id, keys[0], from: 0, to: 4, loss: 70.25);
        }
        _main.Store.Dispose();
        var before = Snapshot();

        var e = Assert.Throws<MergeConflictException>(() => StoreMerge.Merge(_main.DbPath, [PartPath(0)]));

        Assert.Contains($"run {keys[0]} is recorded differently", e.Message);
        Assert.Contains("pending with 2 epoch(s)", e.Message);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Two_parts_that_both_trained_a_run_differently_are_refused()
    {
        var (_, keys) = _main.Sweep(1);
        StoreMerge.Extract(_main.DbPath, "sweep", [keys[0]], PartPath(0));
        StoreMerge.Extract(_main.DbPath, "sweep", [keys[0]], PartPath(1));
        foreach (var (i, loss) in new[] { (0, 90.5), (1, 91.5) })
        {
            using var part = Store.Open(PartPath(i));
            Train(part, part.Sweeps().Single().Id, keys[0], from: 0, to: 2, loss: loss);
            Finish(part, keys[0]);
        }
        _main.Store.Dispose();

        var e = Assert.Throws<MergeConflictException>(() => StoreMerge.Merge(_main.DbPath, [PartPath(0), PartPath(1)]));

        Assert.Contains(PartPath(0), e.Message);
        Assert.Contains(PartPath(1), e.Message);
    }

    // A sweep of `runs` runs whose first trained two epochs (a checkpoint after the second) and was given back.
    private (long SweepId, RunKey[] Keys) GivenBack(int runs)
    {
        var (sweep, keys) = _main.Sweep(runs);
        Train(_main.Store, sweep, keys[0], from: 0, to: 2, loss: 90.5);
        _main.Store.Release(keys[0], "task", "signalled");
        return (sweep, keys);
    }

    // Claims the run and records epochs [from, to) with a checkpoint after each second one, in the main store's run
    // folder (the checkpoint's bytes follow from the run key, epoch and loss, so equal training writes equal files).
    private void Train(Store store, long sweepId, RunKey key, int from, int to, double loss)
    {
        var claimed = store.TryClaimPack(sweepId, "task", TempStore.Lease, 1, (_, _) => true).Single();
        Assert.Equal(key, claimed.RunKey);
        for (var epoch = from; epoch < to; epoch++)
        {
            store.RecordEpoch(key, "task", TempStore.Epoch(epoch, loss));
            if ((epoch + 1) % 2 != 0) continue;
            var bytes = System.Text.Encoding.UTF8.GetBytes($"{key}:{epoch + 1}:{loss}");
            var path = Path.Combine(RunFolders.ForRun(_main.DbPath, key.Value), "checkpoints", $"epoch-{epoch + 1:D4}.safetensors");
            DurableFile.Write(path, bytes);
            store.RecordCheckpoint(key, "task", new CheckpointRecord(epoch + 1, path, bytes.Length, DurableFile.Sha256Hex(bytes)));
        }
    }

    private static void Finish(Store store, RunKey key)
    {
        store.MarkEvaluating(key, "task", 10);
        store.Complete(key, "task", TempStore.Evaluation(-90.5), [new BoundRecord(1, -93.5, 0.5)],
            new EvaluationPoints("part points", [-91.5, -89.5]));
    }

    private string Snapshot()
    {
        using var main = Store.Open(_main.DbPath);
        return string.Join("\n", main.Sweeps().SelectMany(s => main.Runs(s.Id)).Select(r =>
            $"{r.RunKey} {r.State} {r.Attempts} {string.Join(",", main.Epochs(r.RunKey))} " +
            $"{string.Join(",", main.Checkpoints(r.RunKey))} {main.Events(r.RunKey).Count}"));
    }
}
