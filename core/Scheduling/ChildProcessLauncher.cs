using System.Diagnostics;
using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Scheduling;

/// <summary>
/// Each slot is a child process (`vaesweep worker`), so that a native crash or an out-of-memory kill ends only the
/// run it held. Its output is appended to a log beside the store; a stop reaches it as SIGTERM.
/// </summary>
/// <param name="startInfo">The command line of a worker for a slot; with standby true, one that loads libtorch and
/// then waits for its sweep id on standard input.</param>
public sealed class ChildProcessLauncher(Func<WorkerLaunch, bool, ProcessStartInfo> startInfo) : IWorkerLauncher
{
    // Started ahead and not yet taken, with their slots as planned before the sweep id was known.
    private readonly List<(WorkerLaunch Slot, WorkerProcess Process)> standing = [];

    public string Describe(IReadOnlyList<WorkerLaunch> slots)
    {
        var devices = slots.Select(s => s.Device).Distinct().ToList();
        return $"training with {slots.Count / devices.Count} worker(s) on {string.Join(", ", devices)}, " +
               $"{slots[0].Threads} thread(s) each, {PackText(slots[0].Pack)}; logs in {RunFolders.Logs(slots[0].StorePath)}";
    }

    /// <summary>How a slot trains its runs, for the line that describes the slots.</summary>
    public static string PackText(int pack) => pack == 1 ? "each run alone" : $"packs of up to {pack} runs";

    /// <summary>
    /// A worker process spends most of its start loading libtorch (about 0.8 s on the two-core machine), and `run`
    /// spends about as long checking the data and libtorch itself before it may write the store; started ahead, the
    /// workers' loads overlap those checks instead of following them.
    /// </summary>
    public void StartAhead(IReadOnlyList<WorkerLaunch> slots)
    {
        foreach (var slot in slots) standing.Add((slot, WorkerProcess.StartStandby(startInfo(slot, true))));
    }

    public ILaunchedWorker Start(WorkerLaunch slot, CancellationToken stop)
    {
        var logFolder = RunFolders.Logs(slot.StorePath);
        Directory.CreateDirectory(logFolder);
        // The scheduler's pid in the name: two `run`s of one sweep at once would otherwise append to the same
        // w0.log through two independent file offsets and overwrite each other's lines.
        var logPath = Path.Combine(logFolder, $"{slot.Name}-{Environment.ProcessId}.log");
        // The scheduler narrows a slot's packs to spread the runs left, so the width comes with the sweep id.
        var ahead = standing.FindIndex(s => s.Slot with { SweepId = slot.SweepId, Pack = slot.Pack } == slot && !s.Process.HasExited);
        if (ahead < 0) return WorkerProcess.Start(startInfo(slot, false), logPath, stop);
        var process = standing[ahead].Process;
        standing.RemoveAt(ahead);
        process.Go(slot.SweepId, slot.Pack, logPath, stop);
        return process;
    }

    /// <summary>Kills them: they have opened nothing, and waiting for a load to end only to exit would keep `run`.</summary>
    public void DismissUnused()
    {
        foreach (var (_, process) in standing) process.Dismiss();
        standing.Clear();
    }
}
