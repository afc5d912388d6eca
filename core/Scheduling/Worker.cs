using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Scheduling;

/// <summary>Claims runs of one sweep and executes them, one after another, until none is left or a stop is asked.
/// It is the body of every worker slot a launcher starts, in this process or in another.</summary>
public sealed class Worker(Store store, long sweepId, string owner, DataCache data, Device device, int threads,
    TimeSpan lease, Action<string>? log = null)
{
    public IReadOnlyDictionary<RunOutcome, int> Run(CancellationToken stop)
    {
        Torch.EnsureDevice(device);
        Torch.set_num_threads(threads);
        var tally = Enum.GetValues<RunOutcome>().ToDictionary(o => o, _ => 0);
        var executor = new RunExecutor(store, data, device, owner, stop, lease, log);
        while (!stop.IsCancellationRequested)
        {
            var claim = store.TryClaimRun(sweepId, owner, lease);
            if (claim is null)
            {
                // Runs another process holds are not done: wait for it to finish them, or for a lease it stopped
                // renewing to expire and take the run over. Leaving now would let `run` report success early
                // (exit 0, "not finished 1") and never take over a dead holder's run on another machine.
                if (!HeldByOthers()) break;
                WaitBeforeRetry(stop);
                continue;
            }
            if (claim.TakenOverFrom is not null) log?.Invoke($"run {claim.RunKey}: taken over from {claim.TakenOverFrom}");
            tally[executor.Execute(claim)]++;
        }
        return tally;
    }

    private bool HeldByOthers() =>
        store.Runs(sweepId).Any(r => r.State is RunState.Running or RunState.Evaluating && r.LeaseOwner is not null);

    private void WaitBeforeRetry(CancellationToken stop) =>
        stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(Math.Clamp(lease.TotalSeconds / 4, 0.2, 2)));
}
