using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Config;

namespace VaeSweep.Tests.StoreTests;

public sealed class LeaseLostTests
{
    // Every owner-checked write, as done by an owner that has lost its run.
    public static TheoryData<string> Writes => new()
    {
        "record-epoch", "record-checkpoint", "truncate-epochs", "mark-evaluating", "fail", "release",
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public void After_a_takeover_the_old_owner_can_write_nothing(string write)
    {
        using var temp = new TempStore();
        var (sweepId, keys) = temp.Sweep(1);
        var run = keys[0];
        temp.Store.TryClaimRun(sweepId, "old", TempStore.Lease);
        temp.Store.RecordEpoch(run, "old", TempStore.Epoch(0));
        temp.Clock.Advance(TempStore.Lease);
        temp.OpenAnother().TryClaimRun(sweepId, "new", TempStore.Lease);

        var error = Assert.Throws<LeaseLostException>(() => Act(temp.Store, run, "old", write));

        Assert.Equal(run, error.RunKey);
        Assert.Contains("held by new", error.Message);
        Assert.False(temp.Store.Heartbeat(run, "old", TempStore.Lease));
        Assert.Single(temp.Store.Epochs(run));
        Assert.Empty(temp.Store.Checkpoints(run));
        Assert.Equal(("new", RunState.Running), temp.Store.Runs(sweepId).Select(r => (r.LeaseOwner, r.State)).Single());
    }

    [Fact]
    public void The_new_owner_keeps_writing_after_a_takeover()
    {
        using var temp = new TempStore();
        var (sweepId, keys) = temp.Sweep(1);
        temp.Store.TryClaimRun(sweepId, "old", TempStore.Lease);
        temp.Clock.Advance(TempStore.Lease);
        temp.Store.TryClaimRun(sweepId, "new", TempStore.Lease);

        temp.Store.RecordEpoch(keys[0], "new", TempStore.Epoch(0));

        Assert.True(temp.Store.Heartbeat(keys[0], "new", TempStore.Lease));
        Assert.Single(temp.Store.Epochs(keys[0]));
    }

    internal static void Act(Store store, RunKey run, string owner, string write)
    {
        switch (write)
        {
            case "record-epoch": store.RecordEpoch(run, owner, TempStore.Epoch(1)); break;
            case "record-checkpoint": store.RecordCheckpoint(run, owner, new CheckpointRecord(1, "/x", 1, "ab")); break;
            case "truncate-epochs": store.TruncateEpochs(run, owner, 0); break;
            case "mark-evaluating": store.MarkEvaluating(run, owner, 1); break;
            case "complete": store.Complete(run, owner, TempStore.Evaluation(), []); break;
            case "fail": store.Fail(run, owner, RunState.Failed, "boom"); break;
            case "release": store.Release(run, owner, "SIGTERM"); break;
            default: throw new ArgumentException(write);
        }
    }
}
