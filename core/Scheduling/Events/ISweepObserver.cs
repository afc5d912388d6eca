namespace VaeSweep.Core.Scheduling;

/// <summary>
/// Receives a sweep's progress: each event once, and a snapshot after every poll of the store (twice a second while
/// workers run). A view that prints lines ignores snapshots, so nothing is printed on a timer.
/// Calls come from one thread at a time.
/// </summary>
public interface ISweepObserver
{
    void Handle(SweepEvent sweepEvent);

    void Refresh(SweepSnapshot snapshot);
}
