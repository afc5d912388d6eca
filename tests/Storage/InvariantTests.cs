using System.Security.Cryptography;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Config;

namespace VaeSweep.Tests.StoreTests;

public sealed class InvariantTests
{
    // Each fault is built by hand on a healthy store holding one run with epochs 0..2 and a checkpoint file.
    public static TheoryData<string, string> Faults => new()
    {
        { "checkpoint-deleted", "is missing" },
        { "checkpoint-truncated", "bytes" },
        { "checkpoint-bit-flipped", "SHA-256" },
        { "epoch-gap", "not contiguous" },
        { "epochs-not-from-zero", "not contiguous" },
        { "terminal-run-with-lease", "a lease held by ghost" },
        { "running-run-without-lease", "running run with no lease" },
        { "completed-without-evaluation", "completed without an evaluation" },
        { "failed-without-reason", "failed without a reason" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void CheckInvariants_reports_each_fault(string fault, string expected)
    {
        using var temp = new TempStore();
        var (run, checkpoint) = Healthy(temp);
        Assert.Empty(temp.Store.CheckInvariants());

        Inject(temp, fault, run, checkpoint);

        // integrity_check also reports a broken CHECK constraint, so some faults give two lines.
        var violations = temp.Store.CheckInvariants();
        Assert.Contains(violations, v => v.Contains(expected) && v.Contains(run.Value));
        Assert.All(violations, v => Assert.True(v.Contains(run.Value) || v.StartsWith("integrity_check"), v));
    }

    // A sweep out in Slurm parts: the parts prune the checkpoints in this store's run folders while this store still
    // lists them, so a run that is away is noted, not reported; any other run's missing file still is.
    [Fact]
    public void A_run_out_in_parts_has_its_checkpoint_files_noted_not_checked()
    {
        using var temp = new TempStore();
        var (run, checkpoint) = Healthy(temp);
        File.Delete(checkpoint);
        Assert.Contains(temp.Store.Examine().Violations, v => v.Contains("is missing") && v.Contains(run.Value));

        var health = temp.Store.Examine(new HashSet<RunKey> { run });
        Assert.True(health.IsHealthy, string.Join("; ", health.Violations));
        Assert.Contains(health.Notes, n => n.Contains(run.Value) && n.Contains("out in parts"));
        var other = temp.Store.Examine(new HashSet<RunKey> { new("0123456789abcdef") });
        Assert.Contains(other.Violations, v => v.Contains("is missing") && v.Contains(run.Value));
    }

    [Fact]
    public void CheckInvariants_reports_a_corrupt_page()
    {
        using var temp = new TempStore();
        Healthy(temp);
        // Fold the WAL into the main file, then overwrite the b-tree page of the epochs table.
        temp.RawExecute("PRAGMA wal_checkpoint(TRUNCATE)");
        var page = Convert.ToInt64(temp.RawScalar("SELECT rootpage FROM sqlite_master WHERE name = 'epochs'"));
        temp.Store.Dispose();
        using (var file = new FileStream(temp.DbPath, FileMode.Open, FileAccess.Write))
        {
            file.Position = (page - 1) * 4096;
            file.Write(Enumerable.Repeat((byte)0x5A, 4096).ToArray());
        }

        using var reopened = Store.Open(temp.DbPath, temp.Clock);

        Assert.Contains(reopened.CheckInvariants(), v => v.StartsWith("integrity_check"));
    }

    private static (RunKey Run, string Checkpoint) Healthy(TempStore temp)
    {
        var run = temp.ClaimedRun();
        for (var epoch = 0; epoch < 3; epoch++)
        {
            temp.Store.RecordEpoch(run, "owner-a", TempStore.Epoch(epoch));
        }
        var path = Path.Combine(temp.Folder, "epoch-2.ckpt");
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        File.WriteAllBytes(path, bytes);
        temp.Store.RecordCheckpoint(run, "owner-a",
            new CheckpointRecord(2, path, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))));
        return (run, path);
    }

    private static void Inject(TempStore temp, string fault, RunKey run, string checkpoint)
    {
        switch (fault)
        {
            case "checkpoint-deleted":
                File.Delete(checkpoint);
                break;
            case "checkpoint-truncated":
                File.WriteAllBytes(checkpoint, File.ReadAllBytes(checkpoint)[..500]);
                break;
            case "checkpoint-bit-flipped":
                var bytes = File.ReadAllBytes(checkpoint);
                bytes[700] ^= 0x01;
                File.WriteAllBytes(checkpoint, bytes);
                break;
            case "epoch-gap":
                temp.RawExecute("DELETE FROM epochs WHERE epoch = 1");
                break;
            case "epochs-not-from-zero":
                temp.RawExecute("DELETE FROM epochs WHERE epoch = 0");
                break;
            case "terminal-run-with-lease":
                temp.Store.Fail(run, "owner-a", RunState.Failed, "out of memory");
                // CHECK constraints forbid this state; a doctor must still notice it in a hand-edited file.
                temp.RawExecute("PRAGMA ignore_check_constraints = ON; " +
                    "UPDATE runs SET lease_owner = 'ghost', lease_expires_utc = '2099-01-01T00:00:00.0000000Z'");
                break;
            case "running-run-without-lease":
                temp.RawExecute("PRAGMA ignore_check_constraints = ON; " +
                    "UPDATE runs SET lease_owner = NULL, lease_expires_utc = NULL");
                break;
            case "completed-without-evaluation":
                temp.Store.MarkEvaluating(run, "owner-a", 1);
                temp.Store.Complete(run, "owner-a", TempStore.Evaluation(), []);
                temp.RawExecute("DELETE FROM evaluations");
                break;
            case "failed-without-reason":
                temp.Store.Fail(run, "owner-a", RunState.Failed, "out of memory");
                temp.RawExecute("UPDATE runs SET reason = NULL");
                break;
            default:
                throw new ArgumentException(fault);
        }
    }
}
