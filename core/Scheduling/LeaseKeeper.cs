using VaeSweep.Core.Storage;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Scheduling;

/// <summary>Renews a run's lease in the background (every third of its length). <see cref="Token"/> is the run's
/// one stop: cancelled by the sweep's stop or when the lease is lost, whichever comes first.</summary>
public sealed class LeaseKeeper : IDisposable
{
    private readonly Timer timer;
    private readonly CancellationTokenSource run;
    private volatile bool lost;

    public LeaseKeeper(IStore store, RunKey runKey, string owner, TimeSpan lease, CancellationToken stop)
    {
        run = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, lease.Ticks / 3));
        timer = new Timer(_ =>
        {
            try
            {
                if (store.Heartbeat(runKey, owner, lease)) return;
                lost = true;
                run.Cancel();
            }
            catch (StoreException)
            {
                // A busy or full disk: the next beat tries again; the lease only lapses if they keep failing.
            }
            catch (ObjectDisposedException)
            {
                // A beat that fired as the run ended.
            }
        }, null, period, period);
    }

    public bool IsLost => lost;

    public CancellationToken Token => run.Token;

    public void Dispose()
    {
        using var done = new ManualResetEvent(false);
        // Waits for a beat in flight, so none cancels the token after it is disposed.
        if (timer.Dispose(done)) done.WaitOne();
        run.Dispose();
    }
}
