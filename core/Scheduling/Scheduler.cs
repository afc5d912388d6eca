using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;
using VaeSweep.Core.Platform;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Scheduling;

/// <summary>
/// `vaesweep run`: syncs the sweep file into its store, then keeps worker slots busy until every run has ended or a
/// stop is asked. Decides *what* runs (the store's claim order, which the slots follow) apart from *where* (the
/// <see cref="IWorkerLauncher"/>). A slot that crashes fails only the run it held, recorded with the reason, and a
/// new one takes its place.
/// </summary>
public sealed class Scheduler(SweepRunOptions options, IWorkerLauncher launcher, TextWriter output, ISweepObserver observer)
{
    public const int AllCompleted = 0;
    public const int SomeRunsFailed = 1;

    /// <summary>Returns <see cref="AllCompleted"/> or <see cref="SomeRunsFailed"/>; after a stop, the caller says
    /// which signal asked for it.</summary>
    public int Run(CancellationToken stop)
    {
        var plan = Planner.LoadFile(options.ConfigPath);
        var storePath = options.StorePath ?? plan.Sweep.StorePath;
        // Runs out in parts are trained in the parts: training them here too would record each twice, differently.
        if (!StoreLocation.IsServer(storePath) && Slurm.SweepParts.Read(storePath) is { } parts)
            throw new StoreException(
                $"store {Path.GetFullPath(storePath)} has runs out in parts (Slurm job {parts.ArrayJob}); wait for its merge " +
                "job, or, once squeue lists none of its jobs, submit `run --launcher slurm --parts` again to bring them back");
        // No more workers than runs, whatever the store then says is left to do.
        launcher.StartAhead(Slots(storePath, sweepId: 0).Take(plan.Runs.Count).ToList());
        try
        {
            return Run(plan, storePath, stop);
        }
        finally
        {
            launcher.DismissUnused();
        }
    }

    private int Run(Plan plan, string storePath, CancellationToken stop)
    {
        var sweep = plan.Sweep;
        // Loading libtorch takes about a second and checking the data about as long; both must pass before the store
        // is touched, and neither needs the other, so they overlap (the start-up figure in the README's speed table).
        var torch = Task.Run(() =>
        {
            foreach (var device in options.Devices) Torch.EnsureDevice(device);
        });
        // Workers load the data themselves: this copy only proves it is readable and is let go at once.
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
        using var store = StoreLocation.Open(storePath);
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
                         $"), store {store.Path}");
        foreach (var line in sync.Verdict.Describe(sync.NewRuns)) output.WriteLine(line);
        if (sync.Resumed > 0) output.WriteLine($"{sync.Resumed} stopped run(s) resume: the sweep no longer halves");

        var progress = new SweepProgress(store, sweepId, observer);
        if (HasWork(store, sweepId))
        {
            var slots = Slots(storePath, sweepId);
            output.WriteLine(launcher.Describe(slots));
            Supervise(store, sweepId, slots, progress, stop);
        }
        progress.Finish(store.Path, stop.IsCancellationRequested);
        return Summarise(store, sweepId);
    }

    // In this process only one slot: libtorch's thread count is global to a process.
    private List<WorkerLaunch> Slots(string storePath, long sweepId) =>
        (options.InProcess ? options.Devices.Take(1) : options.Devices)
        .SelectMany(d => Enumerable.Repeat(d, options.InProcess ? 1
            : options.Workers ?? WorkerCount.DefaultFor(d, options.Threads, Environment.ProcessorCount)))
        .Select((device, n) => new WorkerLaunch(storePath, sweepId, device, options.Threads, options.Lease, $"w{n}",
            options.Pack ?? PackWidth.DefaultFor(device)))
        .ToList();

    private void Supervise(IStore store, long sweepId, List<WorkerLaunch> slots, SweepProgress progress, CancellationToken stop)
    {
        // By slot: the worker started in it and the pack width it was started with.
        var running = new Dictionary<WorkerLaunch, (ILaunchedWorker Process, int Width)>();
        var crashesLeft = 3 * slots.Count;
        DateTime? stopAsked = null;
        var killed = new HashSet<ILaunchedWorker>();
        while (true)
        {
            if (stop.IsCancellationRequested && stopAsked is null)
            {
                // The launcher has passed the stop on to every slot it started.
                stopAsked = DateTime.UtcNow;
                output.WriteLine(Environment.NewLine + "stopping: each worker finishes its step and gives its run back...");
            }
            if (DateTime.UtcNow - stopAsked > options.StopGrace) KillStragglers(running.Values.Select(v => v.Process), killed);
            foreach (var (slot, (process, width)) in running.ToList())
            {
                if (!process.HasExited) continue;
                running.Remove(slot);
                var code = process.ExitCode;
                if (killed.Contains(process))
                {
                    ReleaseRunsHeldBy(store, sweepId, process, $"its worker did not stop within {options.StopGrace.TotalSeconds:0} s of the stop and was killed");
                    continue;
                }
                if (code is 0 or 130 or 143) continue;
                if (code == Worker.PackDidNotFit && width > 1)
                {
                    // Its runs were given back; the slot starts again, as a fresh process, with packs half as wide.
                    var narrower = slot with { Pack = width / 2 };
                    slots[slots.IndexOf(slot)] = narrower;
                    output.WriteLine($"worker {slot.Name}: a pack of up to {width} runs did not fit in {slot.Device} " +
                                     $"memory; it starts again with packs of up to {narrower.Pack}");
                    continue;
                }
                crashesLeft--;
                FailRunsHeldBy(store, sweepId, process, $"worker process died (exit code {code}{ExitMeaning(code)}); see {process.LogPath}");
            }
            // Workers exit when nothing is left to claim; runs held by another `vaesweep run` may become claimable
            // again (its process died and the lease expired), so free slots are refilled while work remains.
            if (!stop.IsCancellationRequested && crashesLeft > 0) StartSlots(store, sweepId, slots, running, stop);
            progress.Update();
            if (running.Count == 0 && (stop.IsCancellationRequested || crashesLeft <= 0 || !HasWork(store, sweepId))) break;
            stop.WaitHandle.WaitOne(500);
        }
    }

    /// <summary>
    /// Starts free slots for the runs no worker will take: those claimable now (pending, or held under a lease that
    /// has expired) less a pack for each worker still starting up (it holds no run yet). The runs left are spread
    /// over the slots that start (<see cref="PackPlan.Spread"/>); a slot's own width stays the cap.
    /// </summary>
    private void StartSlots(IStore store, long sweepId, List<WorkerLaunch> slots,
        Dictionary<WorkerLaunch, (ILaunchedWorker Process, int Width)> running, CancellationToken stop)
    {
        var now = DateTimeOffset.UtcNow;
        var runs = store.Runs(sweepId);
        var claimable = runs.Count(r => r.State == RunState.Pending ||
            (r.State is RunState.Running or RunState.Evaluating && (r.LeaseExpiresUtc is null || r.LeaseExpiresUtc <= now)));
        var owners = runs.Select(r => r.LeaseOwner).OfType<string>().ToList();
        var left = claimable - running.Values.Where(w => !owners.Any(w.Process.Owns)).Sum(w => w.Width);
        var free = slots.Where(s => !running.ContainsKey(s)).ToList();
        var starting = Math.Min(free.Count, left);
        if (starting <= 0) return;
        foreach (var slot in free.Take(starting))
        {
            var launch = slot with { Pack = PackPlan.Spread(left, starting, slot.Pack) };
            running[slot] = (launcher.Start(launch, stop), launch.Pack);
        }
    }

    private static string ExitMeaning(int code) => code switch
    {
        137 => ", killed: out of memory or kill -9",
        134 => ", aborted",
        139 => ", segmentation fault",
        _ => "",
    };

    private void KillStragglers(IEnumerable<ILaunchedWorker> workers, HashSet<ILaunchedWorker> killed)
    {
        foreach (var process in workers)
            if (!process.HasExited && !killed.Contains(process) && process.Kill())
            {
                killed.Add(process);
                output.WriteLine($"a worker did not stop within {options.StopGrace.TotalSeconds:0} s; killed it (see {process.LogPath}); " +
                                 "its runs resume from their last checkpoints");
            }
    }

    /// <summary>A killed worker's runs go back to pending, as a stop would have left them: killing it was ours, not
    /// theirs, so nothing is recorded as failed.</summary>
    private static void ReleaseRunsHeldBy(IStore store, long sweepId, ILaunchedWorker process, string reason) =>
        EndLeases(store, sweepId, process.Owns, (run, owner) => store.Release(run.RunKey, owner, reason));

    private static void FailRunsHeldBy(IStore store, long sweepId, ILaunchedWorker process, string reason) =>
        EndLeases(store, sweepId, process.Owns, (run, owner) => store.Fail(run.RunKey, owner, RunState.Failed, reason));

    /// <summary>Leases held by processes of this machine that no longer exist are released at once (a running run
    /// returns to pending and resumes from its checkpoint; an evaluating one re-runs only its evaluation).</summary>
    private void ReleaseDeadHolders(IStore store, long sweepId) =>
        EndLeases(store, sweepId, OwnerId.IsDeadOnThisMachine, (run, owner) =>
        {
            store.Release(run.RunKey, owner, $"its holder {owner} is no longer running");
            var resumes = run.State == RunState.Evaluating
                ? "its training is complete, so only its evaluation runs again"
                : ResumePoint.Describe(store, run.RunKey);
            output.WriteLine($"run {run.RunKey}: its previous process died; {resumes}");
        });

    /// <summary>Ends each lease of the sweep whose owner <paramref name="holds"/> picks. A run another process took
    /// over meanwhile (LeaseLostException) is theirs now and is left alone.</summary>
    private static void EndLeases(IStore store, long sweepId, Func<string, bool> holds, Action<RunRow, string> end)
    {
        foreach (var run in store.Runs(sweepId))
            if (run.LeaseOwner is { } owner && holds(owner))
                try
                {
                    end(run, owner);
                }
                catch (LeaseLostException)
                {
                    // Someone else took it over meanwhile: it is theirs now.
                }
    }

    private static bool HasWork(IStore store, long sweepId) =>
        store.Runs(sweepId).Any(r => r.State is RunState.Pending or RunState.Running or RunState.Evaluating);

    /// <summary>The exit code; the counts and failures were told to the observer by <see cref="SweepProgress.Finish"/>.</summary>
    private static int Summarise(IStore store, long sweepId)
    {
        var c = store.Counts(sweepId);
        int Of(RunState s) => c.GetValueOrDefault(s);
        var unfinished = Of(RunState.Pending) + Of(RunState.Running) + Of(RunState.Evaluating);
        return Of(RunState.Failed) + Of(RunState.Diverged) + unfinished > 0 ? SomeRunsFailed : AllCompleted;
    }
}
