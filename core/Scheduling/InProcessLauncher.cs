using VaeSweep.Core.Platform;
using VaeSweep.Core.Storage;

namespace VaeSweep.Core.Scheduling;

/// <summary>
/// Each slot is a thread of this process (for debugging and tests): no crash isolation, a native crash takes the
/// whole sweep down, and an exception a worker throws ends the sweep as it would a worker-less loop.
/// </summary>
public sealed class InProcessLauncher(Action<string> log) : IWorkerLauncher
{
    public string Describe(IReadOnlyList<WorkerLaunch> slots) => $"training in this process on {slots[0].Device}, {ChildProcessLauncher.PackText(slots[0].Pack)}";

    public ILaunchedWorker Start(WorkerLaunch slot, CancellationToken stop)
    {
        var owner = OwnerId.ForThisProcess(slot.Name);
        var task = Task.Factory.StartNew(() =>
        {
            using var store = StoreLocation.Open(slot.StorePath);
            var worker = new Worker(store, slot, owner, new DataCache(DataCache.DefaultRoot()), log);
            worker.Run(stop);
            return worker.RanOutOfMemory ? Worker.PackDidNotFit : 0;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return new Launched(task, owner);
    }

    private sealed class Launched(Task<int> task, string ownerId) : ILaunchedWorker
    {
        public bool HasExited
        {
            get
            {
                // A worker's exception is the sweep's, as when the loop ran on the caller's thread.
                if (task.IsFaulted) task.GetAwaiter().GetResult();
                return task.IsCompleted;
            }
        }

        public int ExitCode => task.Result;

        public string LogPath => "this process's output";

        public bool Kill() => false;

        public bool Owns(string owner) => owner == ownerId;
    }
}
