using System.Diagnostics;
using VaeSweep.Cli.Commands;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Scheduling;
using VaeSweep.Core.Tensors;
using VaeSweep.Tests.Data;

namespace VaeSweep.Tests.Scheduling;

/// <summary>
/// `run` starts its worker processes before it checks the sweep, so that their libtorch loads overlap the checks;
/// such a worker must write nothing until it is handed its sweep, and one that no slot takes must not outlive `run`.
/// The launcher tests use a shell in place of `vaesweep worker`, which shows what the launcher does with a process
/// without paying for libtorch.
/// </summary>
public sealed class StartAheadTests
{
    private static WorkerLaunch Slot(string store, string name) =>
        new(store, SweepId: 0, Device.Cpu, Threads: 1, TimeSpan.FromSeconds(60), name, Pack: 8);

    /// <summary>A standby answers with what it was handed; a fresh start says so.</summary>
    private sealed class ShellWorkers
    {
        public List<(string Name, bool Standby)> Started { get; } = [];

        public ProcessStartInfo StartInfo(WorkerLaunch slot, bool standby)
        {
            Started.Add((slot.Name, standby));
            var script = standby ? "read sweep pack; echo \"handed sweep $sweep, packs of $pack\"" : "echo started fresh";
            return new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", script } };
        }
    }

    private static string LogOf(ILaunchedWorker worker)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!worker.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.True(worker.HasExited, "the worker did not end");
        return File.ReadAllText(worker.LogPath);
    }

    [Fact]
    public void A_slot_started_ahead_is_handed_its_sweep_and_narrowed_width_instead_of_starting_a_new_process()
    {
        using var folder = new TempFolder();
        var store = folder.File("sweep.db");
        var shells = new ShellWorkers();
        var launcher = new ChildProcessLauncher(shells.StartInfo);
        launcher.StartAhead([Slot(store, "w0")]);

        var worker = launcher.Start(Slot(store, "w0") with { SweepId = 5, Pack = 3 }, CancellationToken.None);
        var other = launcher.Start(Slot(store, "w1") with { SweepId = 5 }, CancellationToken.None);

        Assert.Contains("handed sweep 5, packs of 3", LogOf(worker));
        Assert.Contains("started fresh", LogOf(other));
        Assert.Equal([("w0", true), ("w1", false)], shells.Started);
    }

    [Fact]
    public void Workers_no_slot_took_are_ended_and_leave_nothing_behind()
    {
        using var folder = new TempFolder();
        var store = folder.File("sweep.db");
        var launcher = new ChildProcessLauncher((slot, _) =>
            new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", $"echo $$ > {folder.File(slot.Name + ".pid")}; sleep 60" } });
        launcher.StartAhead([Slot(store, "w0"), Slot(store, "w1")]);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(File.Exists(folder.File("w0.pid")) && File.Exists(folder.File("w1.pid"))) && DateTime.UtcNow < deadline)
            Thread.Sleep(20);

        launcher.DismissUnused();

        foreach (var name in new[] { "w0", "w1" })
        {
            var pid = int.Parse(File.ReadAllText(folder.File(name + ".pid")).Trim());
            Assert.False(Directory.Exists($"/proc/{pid}"), $"the standby worker {name} (pid {pid}) still runs");
        }
        Assert.False(Directory.Exists(RunFolders.Logs(store)), "a standby worker's log was written");
    }

    [Fact]
    public void A_standby_vaesweep_worker_told_nothing_opens_no_store()
    {
        using var folder = new TempFolder();
        var store = folder.File("sweep.db");
        var info = WorkerCommand.StartInfo(Slot(store, "w0"), standby: true);
        info.RedirectStandardInput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEnd();

        Assert.True(process.WaitForExit(60_000), "the standby worker did not end at the end of its input");
        Assert.Equal((0, ""), (process.ExitCode, error));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}
