using VaeSweep.Cli;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Scheduling.Slurm;
using VaeSweep.Tests.StoreTests;

namespace VaeSweep.Tests.Commands;

/// <summary>`vaesweep doctor` on a sweep out in Slurm parts: the parts prune checkpoints in the store's run folders
/// while the store still lists them, which is noted for the runs the manifest lists, not reported.</summary>
public sealed class DoctorCommandTests
{
    [Fact]
    public void A_missing_checkpoint_of_a_run_out_in_parts_is_a_note_and_exit_code_0()
    {
        using var temp = new TempStore();
        var run = temp.ClaimedRun();
        temp.Store.RecordEpoch(run, "owner-a", TempStore.Epoch(0));
        temp.Store.RecordCheckpoint(run, "owner-a", new CheckpointRecord(0, Path.Combine(temp.Folder, "pruned.ckpt"), 10, new string('0', 64)));

        var (code, output, _) = CliRunner.Run("doctor", temp.DbPath);
        Assert.Equal(1, code);
        Assert.Contains("is missing", output);

        Directory.CreateDirectory(SweepParts.Folder(temp.DbPath));
        new SweepParts("sweep", "4712", null, [[run.Value]]).Write(temp.DbPath);
        (code, output, _) = CliRunner.Run("doctor", temp.DbPath);
        Assert.Equal(0, code);
        Assert.DoesNotContain("is missing", output);
        Assert.Contains($"note: run {run.Value}: out in parts", output);
    }

    [Fact]
    public void A_damaged_parts_manifest_is_one_line_and_the_store_error_code()
    {
        using var temp = new TempStore();
        temp.ClaimedRun();
        Directory.CreateDirectory(SweepParts.Folder(temp.DbPath));
        File.WriteAllText(SweepParts.ManifestPath(temp.DbPath), "{garbage");

        var (code, output, error) = CliRunner.Run("doctor", temp.DbPath);
        Assert.Equal(ExitCodes.StoreError, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("is not a parts manifest", line);
        Assert.Equal("{garbage", File.ReadAllText(SweepParts.ManifestPath(temp.DbPath)));
    }
}
