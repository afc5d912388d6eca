namespace VaeSweep.Core.Scheduling;

/// <summary>
/// Where runs execute, kept apart from what runs (the store's claim order), as Hydra keeps its launcher apart from
/// its sweeper. The scheduler asks for worker slots; each slot claims runs of the sweep from the shared store until
/// none is left or the stop is asked, so a slot can be a thread of this process, a child process, or a task of a
/// cluster job, anything that reaches the store.
/// </summary>
public interface IWorkerLauncher
{
    /// <summary>The line that tells the user where the slots run, printed before the first is started.</summary>
    string Describe(IReadOnlyList<WorkerLaunch> slots);

    /// <summary>Starts one slot. A cancelled <paramref name="stop"/> must reach the worker, which then gives its run
    /// back at a safe point and ends.</summary>
    ILaunchedWorker Start(WorkerLaunch slot, CancellationToken stop);

    /// <summary>Starts workers for <paramref name="slots"/> (whose sweep id is not known yet) before the sweep is
    /// checked and synced, so that their start-up overlaps that work; they open and write nothing until
    /// <see cref="Start"/> hands one its sweep. A launcher whose workers start cheaply does nothing.</summary>
    void StartAhead(IReadOnlyList<WorkerLaunch> slots) { }

    /// <summary>Ends the workers <see cref="StartAhead"/> started that no <see cref="Start"/> took.</summary>
    void DismissUnused() { }
}
