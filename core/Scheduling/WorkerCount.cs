using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Scheduling;

/// <summary>How many worker processes `run` starts on a device when `--workers` is not given.</summary>
public static class WorkerCount
{
    /// <summary>
    /// On the CPU one worker per core (the cores this process may use, divided by the threads each worker takes):
    /// a worker trains and evaluates on one core, and evaluation (k = 5000) is most of a sweep's time, so a second
    /// core left idle is time lost (the beta sweep on two cores: 2 min 38 s with two workers, 3 min 8 s with one).
    /// The scheduler starts no more workers than there are runs to claim and spreads the runs over them, and a run's
    /// numbers do not depend on which worker or pack trained it, so the count changes the time and nothing else.
    /// Each worker is a process of about 0.5 GB (the beta sweep's: .NET, libtorch, the data, a pack of four), so on a
    /// machine with many cores and little memory per core --workers is the knob to lower.
    /// On a GPU one: a pack of 64 already fills it, and a second process would compete for the same device.
    /// </summary>
    public static int DefaultFor(Device device, int threads, int cores) =>
        device.IsCuda ? 1 : Math.Max(1, cores / Math.Max(1, threads));
}
