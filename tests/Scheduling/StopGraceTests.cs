using VaeSweep.Core.Platform;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Scheduling;
using VaeSweep.Core.Storage;
using VaeSweep.Tests.Config;
using VaeSweep.Tests.Data;
using VaeSweep.Core.Config;

namespace VaeSweep.Tests.Scheduling;

/// <summary>
/// A worker that does not answer a stop (stuck in a system call, swapping under a memory limit) is killed once the
/// grace period has passed, and its runs go back to pending for the next `run`, not to failed; before, the sweep
/// waited for it forever.
/// </summary>
public sealed class StopGraceTests
{
    [FactWhen("mnist-sample")]
    public void A_worker_that_ignores_a_stop_is_killed_after_the_grace_period_and_its_run_is_given_back()
    {
        using var folder = new TempFolder();
        var store = folder.File("smoke.db");
        var launcher = new DeafLauncher();
        var options = new SweepRunOptions
        {
            ConfigPath = Path.Combine(RepoPaths.Root, "configs", "smoke.yaml"), StorePath = store, Pack = 1,
            StopGrace = TimeSpan.FromSeconds(1),
        };
        using var stop = new CancellationTokenSource();
        var output = new StringWriter();
        var scheduler = new Scheduler(options, launcher, TextWriter.Synchronized(output), new IgnoreProgress());

        var sweep = Task.Run(() => scheduler.Run(stop.Token));
        Assert.True(launcher.Claimed.Wait(TimeSpan.FromSeconds(60)), "the worker never claimed a run");
        stop.Cancel();
        var finished = sweep.Wait(TimeSpan.FromSeconds(30));

        Assert.True(finished, "the sweep still waits for a worker that ignores the stop");
        Assert.True(launcher.Worker!.WasKilled);
        using var reopened = StoreLocation.OpenForReading(store);
        var run = Assert.Single(reopened.Runs(reopened.Sweeps().Single().Id), r => r.RunKey.Value == launcher.Worker.RunKey);
        Assert.Equal((RunState.Pending, null), (run.State, run.LeaseOwner));
        Assert.Contains("did not stop within 1 s", output.ToString());
    }

    /// <summary>Starts one worker that claims a run under its own owner id and then hears nothing but a kill.</summary>
    private sealed class DeafLauncher : IWorkerLauncher
    {
        public ManualResetEventSlim Claimed { get; } = new();
        public DeafWorker? Worker { get; private set; }

        public string Describe(IReadOnlyList<WorkerLaunch> slots) => "deaf workers";

        public ILaunchedWorker Start(WorkerLaunch slot, CancellationToken stop)
        {
            if (Worker is not null) return new DeafWorker(null) { WasKilled = true };   // no second worker
            using var store = StoreLocation.Open(slot.StorePath);
            var owner = OwnerId.ForThisProcess("deaf");
            Worker = new DeafWorker(store.TryClaimRun(slot.SweepId, owner, slot.Lease)!.RunKey.Value);
            Claimed.Set();
            return Worker;
        }
    }

    private sealed class DeafWorker(string? runKey) : ILaunchedWorker
    {
        public string? RunKey => runKey;
        public bool WasKilled { get; set; }
        public bool HasExited => WasKilled;
        public int ExitCode => 137;
        public string LogPath => "nowhere";

        public bool Kill()
        {
            WasKilled = true;
            return true;
        }

        public bool Owns(string owner) => runKey is not null && owner.EndsWith(":deaf", StringComparison.Ordinal);
    }

    private sealed class IgnoreProgress : ISweepObserver
    {
        public void Handle(SweepEvent sweepEvent) { }
        public void Refresh(SweepSnapshot snapshot) { }
    }
}
