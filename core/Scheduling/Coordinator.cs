using System.Diagnostics;
using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;
using VaeSweep.Core.Platform;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Scheduling;

/// <summary>
/// `vaesweep run`: syncs the sweep file into its store, then keeps worker processes busy until every run has ended
/// or a stop is asked. A worker is a child process so that a native crash or an out-of-memory kill ends only the run
/// it held, which is then recorded as failed with the reason, and a new worker takes its place. Decides *what* runs
/// (the store's claim order) apart from *where* (the worker launches).
/// </summary>
public sealed class Coordinator(SweepRunOptions options, Func<WorkerLaunch, ProcessStartInfo> startInfo,
    TextWriter output, StopToken stop, bool terminal)
{
    public const int AllCompleted = 0;
    public const int SomeRunsFailed = 1;

    private DataCache? inProcessData;

    public int Run()
    {
        var plan = Planner.LoadFile(options.ConfigPath);
        var sweep = plan.Sweep;
        var storePath = options.StorePath ?? sweep.StorePath;
        // Loading libtorch takes about a second and checking the data about as long; both must pass before the store
        // is touched, and neither needs the other, so they overlap (the start-up figure in the README's speed table).
        var torch = Task.Run(() =>
        {
            foreach (var device in options.Devices) Torch.EnsureDevice(device);
        });
        // Worker processes load the data themselves, so the coordinator's copy is only kept to train in this process.
        var data = new DataCache(DataCache.DefaultRoot());
        try
        {
            DataPreflight.Check(plan, data);
        }
        finally
        {
            // A libtorch problem is reported before a data problem, as it was when they ran one after the other.
            torch.GetAwaiter().GetResult();
        }
        inProcessData = options.InProcess ? data : null;
        using var store = Store.Open(storePath);
        var sync = SweepSync.Apply(store, sweep);
        var sweepId = sync.Sweep.Id;
        if (options.RetryFailed)
        {
            var reset = store.ResetFailed(sweepId);
            if (reset > 0) output.WriteLine($"retrying {reset} failed or diverged run(s)");
        }
        ReleaseDeadHolders(store, sweepId);

        var counts = store.Counts(sweepId);
        var completed = counts.GetValueOrDefault(RunState.Completed);
        output.WriteLine($"sweep '{sweep.Name}': {sync.Plan.Runs.Count} runs ({completed} completed" +
                         (sync.NewRuns > 0 && sync.NewRuns < sync.Plan.Runs.Count ? $", {sync.NewRuns} new" : "") +
                         $"), store {storePath}");
        foreach (var line in sync.Verdict.Describe(sync.NewRuns)) output.WriteLine(line);

        var progress = new SweepProgress(store, sweepId, output, terminal);
        if (HasWork(store, sweepId))
        {
            output.WriteLine(options.InProcess
                ? $"training in this process on {options.Devices[0]}"
                : $"training with {options.Workers} worker(s) on {string.Join(", ", options.Devices)}, {options.Threads} thread(s) each; logs in {RunFolders.Logs(storePath)}");
            if (options.InProcess) RunInProcess(store, sweepId, progress);
            else Supervise(store, sweepId, storePath, progress);
        }
        progress.Update();
        return Summarise(store, sweepId);
    }

    private void RunInProcess(Store store, long sweepId, SweepProgress progress)
    {
        var worker = new Worker(store, sweepId, OwnerId.ForThisProcess("w0"), inProcessData ?? new DataCache(DataCache.DefaultRoot()),
            options.Devices[0], options.Threads, stop, options.Lease, message => output.WriteLine(message));
        worker.Run();
    }

    private void Supervise(Store store, long sweepId, string storePath, SweepProgress progress)
    {
        var slots = options.Devices.SelectMany(d => Enumerable.Range(0, options.Workers).Select(i => (Device: d, Index: i)))
            .Select((s, n) => new WorkerLaunch(storePath, sweepId, s.Device, options.Threads, options.Lease, $"w{n}"))
            .ToList();
        var logFolder = RunFolders.Logs(storePath);
        Directory.CreateDirectory(logFolder);
        var running = new Dictionary<WorkerLaunch, WorkerProcess>();
        var crashesLeft = 3 * slots.Count;
        var forwarded = false;
        while (true)
        {
            if (stop.IsStopRequested && !forwarded)
            {
                forwarded = true;
                output.WriteLine(Environment.NewLine + "stopping: each worker finishes its step and gives its run back...");
                foreach (var w in running.Values) w.Signal(stop.Signal);
            }
            foreach (var (slot, process) in running.ToList())
            {
                if (!process.HasExited) continue;
                running.Remove(slot);
                var code = process.ExitCode;
                if (code is 0 or 130 or 143) continue;
                crashesLeft--;
                FailRunsHeldBy(store, sweepId, process, $"worker process died (exit code {code}{ExitMeaning(code)}); see {process.LogPath}");
            }
            // Workers exit when nothing is left to claim; runs held by another `vaesweep run` may become claimable
            // again (its process died and the lease expired), so free slots are refilled while work remains.
            var claimable = stop.IsStopRequested || crashesLeft <= 0 ? 0 : ClaimableRuns(store, sweepId);
            if (claimable > running.Count)
                foreach (var slot in slots.Where(s => !running.ContainsKey(s)).Take(claimable - running.Count))
                    // The coordinator's pid in the name: two `run`s of one sweep at once would otherwise append to
                    // the same w0.log through two independent file offsets and overwrite each other's lines.
                    running[slot] = WorkerProcess.Start(startInfo(slot),
                        Path.Combine(logFolder, $"{slot.Name}-{Environment.ProcessId}.log"));
            progress.Update();
            if (running.Count == 0 && (stop.IsStopRequested || crashesLeft <= 0 || !HasWork(store, sweepId))) break;
            Thread.Sleep(500);
        }
    }

    /// <summary>Runs a new worker could claim now: pending, or held under a lease that has expired.</summary>
    private static int ClaimableRuns(Store store, long sweepId)
    {
        var now = DateTimeOffset.UtcNow;
        return store.Runs(sweepId).Count(r => r.State == RunState.Pending ||
            (r.State is RunState.Running or RunState.Evaluating && (r.LeaseExpiresUtc is null || r.LeaseExpiresUtc <= now)));
    }

    private static string ExitMeaning(int code) => code switch
    {
        137 => ", killed: out of memory or kill -9",
        134 => ", aborted",
        139 => ", segmentation fault",
        _ => "",
    };

    private static void FailRunsHeldBy(Store store, long sweepId, WorkerProcess process, string reason)
    {
        foreach (var run in store.Runs(sweepId))
            if (run.LeaseOwner is { } owner && process.Owns(owner))
                try
                {
                    store.Fail(run.RunKey, owner, RunState.Failed, reason);
                }
                catch (LeaseLostException)
                {
                    // Someone else took it over meanwhile: it is theirs now.
                }
    }

    /// <summary>Leases held by processes of this machine that no longer exist are released at once (a running run
    /// returns to pending and resumes from its checkpoint; an evaluating one re-runs only its evaluation).</summary>
    private void ReleaseDeadHolders(Store store, long sweepId)
    {
        foreach (var run in store.Runs(sweepId))
            if (run.LeaseOwner is { } owner && OwnerId.IsDeadOnThisMachine(owner))
                try
                {
                    store.Release(run.RunKey, owner, $"its holder {owner} is no longer running");
                    var resumes = run.State == RunState.Evaluating
                        ? "its training is complete, so only its evaluation runs again"
                        : ResumePoint.Describe(store, run.RunKey);
                    output.WriteLine($"run {run.RunKey}: its previous process died; {resumes}");
                }
                catch (LeaseLostException)
                {
                    // Another process released or finished it meanwhile: nothing left to do.
                }
    }

    private static bool HasWork(Store store, long sweepId) =>
        store.Runs(sweepId).Any(r => r.State is RunState.Pending or RunState.Running or RunState.Evaluating);

    private int Summarise(Store store, long sweepId)
    {
        var c = store.Counts(sweepId);
        int Of(RunState s) => c.GetValueOrDefault(s);
        output.WriteLine($"completed {Of(RunState.Completed)}, failed {Of(RunState.Failed)}, diverged {Of(RunState.Diverged)}, " +
                         $"not finished {Of(RunState.Pending) + Of(RunState.Running) + Of(RunState.Evaluating)}");
        foreach (var r in store.Runs(sweepId).Where(r => r.State is RunState.Failed or RunState.Diverged))
            output.WriteLine($"  {r.RunKey} {r.State.ToString().ToLowerInvariant()}: {r.Reason}");
        if (stop.IsStopRequested) return Signals.ExitCode(stop.Signal);
        var unfinished = Of(RunState.Pending) + Of(RunState.Running) + Of(RunState.Evaluating);
        return Of(RunState.Failed) + Of(RunState.Diverged) + unfinished > 0 ? SomeRunsFailed : AllCompleted;
    }
}
