using System.Diagnostics;
using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Scheduling;

/// <summary>
/// Each slot is a child process (`vaesweep worker`), so that a native crash or an out-of-memory kill ends only the
/// run it held. Its output is appended to a log beside the store; a stop reaches it as SIGTERM.
/// </summary>
public sealed class ChildProcessLauncher(Func<WorkerLaunch, ProcessStartInfo> startInfo) : IWorkerLauncher
{
    public string Describe(IReadOnlyList<WorkerLaunch> slots)
    {
        var devices = slots.Select(s => s.Device).Distinct().ToList();
        return $"training with {slots.Count / devices.Count} worker(s) on {string.Join(", ", devices)}, " +
               $"{slots[0].Threads} thread(s) each, {PackText(slots[0].Pack)}; logs in {RunFolders.Logs(slots[0].StorePath)}";
    }

    /// <summary>How a slot trains its runs, for the line that describes the slots.</summary>
    public static string PackText(int pack) => pack == 1 ? "each run alone" : $"packs of up to {pack} runs";

    public ILaunchedWorker Start(WorkerLaunch slot, CancellationToken stop)
    {
        var logFolder = RunFolders.Logs(slot.StorePath);
        Directory.CreateDirectory(logFolder);
        // The scheduler's pid in the name: two `run`s of one sweep at once would otherwise append to the same
        // w0.log through two independent file offsets and overwrite each other's lines.
        return WorkerProcess.Start(startInfo(slot), Path.Combine(logFolder, $"{slot.Name}-{Environment.ProcessId}.log"), stop);
    }
}
