using VaeSweep.Core.Storage;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Sweeps;

/// <summary>Claims runs of one sweep and executes them, one after another, until none is left or a stop is asked.</summary>
public sealed class Worker(Store store, long sweepId, string owner, DataCache data, Device device, int threads,
    StopToken stop, TimeSpan lease, Action<string>? log = null)
{
    public IReadOnlyDictionary<RunOutcome, int> Run()
    {
        Torch.EnsureDevice(device);
        Torch.set_num_threads(threads);
        var tally = Enum.GetValues<RunOutcome>().ToDictionary(o => o, _ => 0);
        var executor = new RunExecutor(store, data, device, owner, stop, lease, log);
        while (!stop.IsStopRequested)
        {
            var claim = store.TryClaimRun(sweepId, owner, lease);
            if (claim is null) break;
            if (claim.TakenOverFrom is not null) log?.Invoke($"run {claim.RunKey}: taken over from {claim.TakenOverFrom}");
            tally[executor.Execute(claim)]++;
        }
        return tally;
    }
}
