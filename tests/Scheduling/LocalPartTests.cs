using VaeSweep.Core.Runs;
using VaeSweep.Core.Scheduling.Slurm;
using VaeSweep.Core.Storage;
using VaeSweep.Tests.Data;
using VaeSweep.Tests.StoreTests;
using VaeSweep.Core.Config;

namespace VaeSweep.Tests.Scheduling;

/// <summary>An array task's part: fetched from the shared folder to local disk, handed back whole.</summary>
public sealed class LocalPartTests
{
    [Fact]
    public void A_part_worked_on_locally_is_handed_back_whole_and_the_local_copy_goes()
    {
        using var shared = new TempFolder();
        using var node = new TempFolder();
        var (partPath, key) = ExtractedPart(shared.File("part-0.db"), runs: 2);
        var logged = new List<string>();

        using (var part = LocalPart.Fetch(partPath, node.Path, "slurm-7_0", logged.Add))
        {
            Assert.Equal(node.File("slurm-7_0-part-0.db"), part.LocalPath);
            using var store = Store.Open(part.LocalPath);
            var sweep = store.Sweeps().Single().Id;
            store.TryClaimRun(sweep, "task", TempStore.Lease);
            store.RecordEpoch(key, "task", TempStore.Epoch(0, loss: 88.25));
            store.Release(key, "task", "signalled");
            part.HandBack(store);
        }

        using (var handedBack = Store.Open(partPath))
        {
            Assert.Equal(88.25, handedBack.Epochs(key).Single().TrainLoss);
            Assert.Equal(RunState.Pending, handedBack.Runs(handedBack.Sweeps().Single().Id)[0].State);
        }
        // One file on the shared folder (no temporary, no write-ahead log beside it), nothing left on the node.
        Assert.Equal(["part-0.db"], Directory.EnumerateFiles(shared.Path).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFileSystemEntries(node.Path));
        Assert.Contains(logged, l => l.EndsWith(": handed back", StringComparison.Ordinal));
    }

    [Fact]
    public void A_part_that_cannot_be_handed_back_stays_on_the_node_and_says_where()
    {
        using var shared = new TempFolder();
        using var node = new TempFolder();
        var folder = Path.Combine(shared.Path, "parts");
        var (partPath, _) = ExtractedPart(Path.Combine(folder, "part-0.db"), runs: 1);
        var logged = new List<string>();
        var part = LocalPart.Fetch(partPath, node.Path, "slurm-7_0", logged.Add);
        // The shared folder is gone and a file has its name: nothing can be written there.
        Directory.Delete(folder, recursive: true);
        File.WriteAllText(folder, "not a folder");

        using (var store = Store.Open(part.LocalPath))
        {
            var e = Assert.Throws<StoreException>(() => part.HandBack(store));
            Assert.StartsWith($"cannot write the copy {partPath}: ", e.Message);
        }
        part.Dispose();

        Assert.True(File.Exists(part.LocalPath));
        Assert.Contains($"part {partPath}: not handed back; its latest record stays in {part.LocalPath}", logged);
    }

    [Fact]
    public void While_the_worker_trains_the_shared_copy_is_refreshed()
    {
        using var shared = new TempFolder();
        using var node = new TempFolder();
        var (partPath, key) = ExtractedPart(shared.File("part-0.db"), runs: 1);
        using var part = LocalPart.Fetch(partPath, node.Path, "slurm-7_0");
        using var store = Store.Open(part.LocalPath);
        store.TryClaimRun(store.Sweeps().Single().Id, "task", TempStore.Lease);

        using (part.HandBackPeriodically(store, TimeSpan.FromMilliseconds(50)))
        {
            store.RecordEpoch(key, "task", TempStore.Epoch(0));
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (EpochsIn(partPath, key) == 0 && DateTime.UtcNow < deadline) Thread.Sleep(20);
        }

        Assert.Equal(1, EpochsIn(partPath, key));
    }

    // A part of a fresh sweep of `runs` runs, all of them in it; the key of the first.
    private static (string Path, RunKey Key) ExtractedPart(string path, int runs)
    {
        using var main = new TempStore();
        var (_, keys) = main.Sweep(runs);
        StoreMerge.Extract(main.DbPath, "sweep", keys, path);
        return (path, keys[0]);
    }

    // Read as another node would: a plain read-only look at the shared file.
    private static int EpochsIn(string path, RunKey key)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM epochs WHERE run_key = '{key}'";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void A_missing_part_is_one_store_error()
    {
        using var node = new TempFolder();
        var missing = node.File("part-9.db");

        var e = Assert.Throws<StoreException>(() => LocalPart.Fetch(missing, node.Path, "slurm-7_9"));

        Assert.StartsWith($"part {missing} does not exist; ", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(node.Path));
    }
}
