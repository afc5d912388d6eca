using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;

namespace VaeSweep.Core.Scheduling;

/// <summary>Claims runs of one sweep and executes them, alone or as packs of runs trained together (up to
/// <see cref="WorkerLaunch.Pack"/>), until none is left or a stop is asked. It is the body of every worker slot a
/// launcher starts, in this process or in another. A pack that runs out of device memory ends the worker
/// (<see cref="PackDidNotFit"/>): a fresh process starts with the memory the failed one could not give back to the
/// system, and the scheduler starts it with half the width.</summary>
public sealed class Worker(IStore store, WorkerLaunch launch, string owner, DataCache data, Action<string>? log = null)
{
    /// <summary>The exit code of a worker process that stopped because its pack did not fit in device memory; the
    /// same number as the command line's "out of memory" (cli/ExitCodes).</summary>
    public const int PackDidNotFit = 7;

    /// <summary>True when the last <see cref="Run"/> ended because a pack did not fit in device memory.</summary>
    public bool RanOutOfMemory { get; private set; }

    public IReadOnlyDictionary<RunOutcome, int> Run(CancellationToken stop)
    {
        Torch.EnsureDevice(launch.Device);
        Torch.set_num_threads(launch.Threads);
        var tally = Enum.GetValues<RunOutcome>().ToDictionary(o => o, _ => 0);
        var executor = new RunExecutor(store, data, launch.Device, owner, stop, launch.Lease, log, launch.FilesBeside);
        var packs = new PackExecutor(executor, store, data, launch.Device, owner, stop, launch.Lease, log);
        var halving = SweepHalving.Load(store, launch.SweepId, log);
        while (!stop.IsCancellationRequested)
        {
            // Decisions that are ready first, so that the runs they keep can be claimed.
            halving?.Advance(store);
            var claims = store.TryClaimPack(launch.SweepId, owner, launch.Lease, launch.Pack, CanShare);
            if (claims.Count == 0)
            {
                // Runs another process holds are not done: wait for it to finish them, or for a lease it stopped
                // renewing to expire and take the run over. Leaving now would let `run` report success early
                // (exit 0, "not finished 1") and never take over a dead holder's run on another machine.
                if (!HeldByOthers()) break;
                WaitBeforeRetry(stop);
                continue;
            }
            // Where the claimed runs stop, asked after the claim: a rung decided in between (by another worker) is
            // behind them, and from now on they count as coming to the rung named here.
            var rung = halving?.Advance(store);
            foreach (var claim in claims.Where(c => c.TakenOverFrom is not null))
                log?.Invoke($"run {claim.RunKey}: taken over from {claim.TakenOverFrom}");
            // With packing on, a run trains and is evaluated in the packed engine even when it is alone in its pack:
            // its numbers then do not depend on which runs it happened to share a pack with (equal bit for bit on the
            // CPU), whereas the lone engine agrees with the packed one only to rounding. So runs left to evaluate
            // (claimed together, evaluating runs only) are evaluated by it too.
            if (!launch.Packed)
            {
                tally[executor.Execute(claims[0], rung)]++;
                continue;
            }
            if (claims[0].State == RunState.Evaluating)
            {
                foreach (var outcome in packs.Evaluate(claims)) tally[outcome]++;
                continue;
            }
            var pack = packs.Execute(claims, rung);
            foreach (var outcome in pack.Outcomes) tally[outcome]++;
            if (pack.DidNotFit)
            {
                RanOutOfMemory = true;
                break;
            }
        }
        return tally;
    }

    private static bool CanShare(RunConfig first, RunConfig other) => PackCompatibility.Conflict(first, other) is null;

    private bool HeldByOthers() =>
        store.Runs(launch.SweepId).Any(r => r.State is RunState.Running or RunState.Evaluating && r.LeaseOwner is not null);

    private void WaitBeforeRetry(CancellationToken stop) =>
        stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(Math.Clamp(launch.Lease.TotalSeconds / 4, 0.2, 2)));
}
