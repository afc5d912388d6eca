using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Scheduling;
using VaeSweep.Core.Storage;
using VaeSweep.Tests.StoreTests;

namespace VaeSweep.Tests.Scheduling;

/// <summary>
/// The events <see cref="SweepProgress"/> reads off the store: each transition told once and in order, also when a
/// run passes several states between two polls, and nothing when nothing changed.
/// </summary>
public sealed class SweepProgressTests : IDisposable
{
    private const string Owner = "test:1:w0";
    private readonly TempStore temp = new();
    private readonly Recorder observer = new();
    private readonly long sweepId;
    private readonly RunKey first;

    public SweepProgressTests()
    {
        var sync = SweepSync.Apply(temp.Store, ConfigLoader.LoadString("""
            sweep: {name: progress}
            base: {training: {epochs: 2}}
            grid: {objective.beta: [0.5, 1]}
            """, "progress.yaml"));
        sweepId = sync.Sweep.Id;
        first = sync.Plan.Runs[0].Key;
    }

    public void Dispose() => temp.Dispose();

    private Store Store => temp.Store;

    private RunKey Claim() => Store.TryClaimRun(sweepId, Owner, TempStore.Lease)!.RunKey;

    private void Complete(RunKey key)
    {
        Store.MarkEvaluating(key, Owner, 1.0);
        Store.Complete(key, Owner, TempStore.Evaluation(), [new BoundRecord(5000, -88.25, 0.1)]);
    }

    [Fact]
    public void Each_transition_is_told_once_at_the_poll_after_it()
    {
        var progress = new SweepProgress(Store, sweepId, observer);
        progress.Update();
        Assert.Empty(observer.Take());

        Assert.Equal(first, Claim());
        progress.Update();
        var claimed = Assert.IsType<RunClaimed>(Assert.Single(observer.Take()));
        Assert.Equal((first, 0, 2, "objective.beta=0.5"), (claimed.RunKey, claimed.FirstEpoch, claimed.Epochs, claimed.Axes));

        Store.RecordEpoch(first, Owner, TempStore.Epoch(0, loss: 120.5));
        progress.Update();
        var epoch = Assert.IsType<EpochDone>(Assert.Single(observer.Take()));
        Assert.Equal((0, 120.5, 2), (epoch.Epoch.Epoch, epoch.Epoch.TrainLoss, epoch.Epochs));

        progress.Update();
        progress.Update();
        Assert.Empty(observer.Take());

        Store.RecordEpoch(first, Owner, TempStore.Epoch(1));
        Store.MarkEvaluating(first, Owner, 1.0);
        progress.Update();
        Assert.Equal(["EpochDone 1", "EvaluationStarted"], observer.Take().Select(Name));

        Store.Complete(first, Owner, TempStore.Evaluation(-88.25), [new BoundRecord(5000, -88.25, 0.1)]);
        progress.Update();
        var completed = Assert.IsType<RunCompleted>(Assert.Single(observer.Take()));
        Assert.Equal(-88.25, completed.Evaluation.LogLikelihood);
    }

    [Fact]
    public void A_run_that_passes_every_state_between_two_polls_yields_every_event_in_order()
    {
        var progress = new SweepProgress(Store, sweepId, observer);
        var key = Claim();
        Store.RecordEpoch(key, Owner, TempStore.Epoch(0));
        Store.RecordEpoch(key, Owner, TempStore.Epoch(1));
        Complete(key);

        progress.Update();

        Assert.Equal(["RunClaimed", "EpochDone 0", "EpochDone 1", "EvaluationStarted", "RunCompleted"],
            observer.Take().Select(Name));
    }

    [Fact]
    public void Diverged_and_given_back_runs_carry_their_reasons_and_a_resumed_claim_its_first_epoch()
    {
        var progress = new SweepProgress(Store, sweepId, observer);
        var a = Claim();
        Store.RecordEpoch(a, Owner, TempStore.Epoch(0, loss: double.NaN));
        Store.Fail(a, Owner, RunState.Diverged, "loss became NaN at epoch 0, step 3");
        var b = Claim();
        Store.RecordEpoch(b, Owner, TempStore.Epoch(0));
        Store.Release(b, Owner, "stopped by SIGINT");
        progress.Update();

        var events = observer.Take();
        Assert.Equal(["RunClaimed", "EpochDone 0", "RunFailed", "RunClaimed", "EpochDone 0", "RunReleased"],
            events.Select(Name));
        var failed = events.OfType<RunFailed>().Single();
        Assert.Equal((RunState.Diverged, "loss became NaN at epoch 0, step 3"), (failed.State, failed.Reason));
        Assert.Equal("stopped by SIGINT", events.OfType<RunReleased>().Single().Reason);

        Assert.Equal(b, Claim());
        progress.Update();
        Assert.Equal(1, Assert.IsType<RunClaimed>(Assert.Single(observer.Take())).FirstEpoch);
    }

    [Fact]
    public void What_the_store_held_before_is_not_told_again_and_the_finish_counts_every_run()
    {
        var key = Claim();
        Store.Fail(key, Owner, RunState.Failed, "worker process died (exit code 137)");
        var progress = new SweepProgress(Store, sweepId, observer);
        progress.Update();
        Assert.Empty(observer.Take());

        Complete(Claim());
        progress.Finish("runs/progress.db", stopped: false);

        var events = observer.Take();
        Assert.Equal(["RunClaimed", "EvaluationStarted", "RunCompleted", "SweepFinished"], events.Select(Name));
        var finished = Assert.IsType<SweepFinished>(events[^1]);
        Assert.Equal(("runs/progress.db", 1, 1, 0), (finished.StorePath, finished.Counts[RunState.Completed],
            finished.Counts[RunState.Failed], finished.Unfinished));
        Assert.Equal(key, Assert.Single(finished.Failures).RunKey);
    }

    [Fact]
    public void The_snapshot_shows_held_runs_with_their_epoch_loss_and_time_left()
    {
        var progress = new SweepProgress(Store, sweepId, observer);
        var key = Claim();
        Store.RecordEpoch(key, Owner, TempStore.Epoch(0, loss: 99.5));
        progress.Update();

        var snapshot = observer.Snapshots[^1];
        Assert.Equal((2, 0, 1, 4), (snapshot.Total, snapshot.Done, snapshot.EpochsDone, snapshot.TotalEpochs));
        var run = Assert.Single(snapshot.Active);
        Assert.Equal((key, 1, 2, 99.5), (run.RunKey, run.EpochsDone, run.Epochs, run.LastEpoch?.TrainLoss));
        // TempStore.Epoch takes 2.5 s; one epoch is left.
        Assert.Equal(TimeSpan.FromSeconds(2.5), run.Remaining);
        Assert.NotNull(snapshot.Remaining);
    }

    private static string Name(SweepEvent e) => e is EpochDone d ? $"EpochDone {d.Epoch.Epoch}" : e.GetType().Name;

    private sealed class Recorder : ISweepObserver
    {
        private readonly List<SweepEvent> events = [];

        public List<SweepSnapshot> Snapshots { get; } = [];

        public void Handle(SweepEvent sweepEvent) => events.Add(sweepEvent);

        public void Refresh(SweepSnapshot snapshot) => Snapshots.Add(snapshot);

        public List<SweepEvent> Take()
        {
            var taken = events.ToList();
            events.Clear();
            return taken;
        }
    }
}
