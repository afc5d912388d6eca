using VaeSweep.Core.Storage;

namespace VaeSweep.Core.Scheduling;

/// <summary>Renews a run's lease in the background (every third of its length) and notices when it is lost.</summary>
public sealed class LeaseKeeper : IDisposable
{
    private readonly Timer timer;
    private volatile bool lost;

    public LeaseKeeper(Store store, string runKey, string owner, TimeSpan lease)
    {
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, lease.Ticks / 3));
        timer = new Timer(_ =>
        {
            try
            {
                if (!store.Heartbeat(runKey, owner, lease)) lost = true;
            }
            catch (StoreException)
            {
                // A busy or full disk: the next beat tries again; the lease only lapses if they keep failing.
            }
        }, null, period, period);
    }

    public bool IsLost => lost;

    public void Dispose() => timer.Dispose();
}
