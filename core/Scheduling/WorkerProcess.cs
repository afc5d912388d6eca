using System.Diagnostics;
using VaeSweep.Core.Platform;

namespace VaeSweep.Core.Scheduling;

/// <summary>A worker child process, its output appended to a log file.</summary>
public sealed class WorkerProcess : ILaunchedWorker
{
    private readonly Process process;
    private readonly StreamWriter log;
    private CancellationTokenRegistration stopping;

    public string LogPath { get; }

    private WorkerProcess(Process process, StreamWriter log, string logPath)
    {
        this.process = process;
        this.log = log;
        LogPath = logPath;
    }

    /// <summary>Starts the process; a cancelled <paramref name="stop"/> sends it SIGTERM, which it answers by giving
    /// its run back at a safe point.</summary>
    public static WorkerProcess Start(ProcessStartInfo info, string logPath, CancellationToken stop)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = new WorkerProcess(process, log, logPath);
        started.stopping = stop.Register(() =>
        {
            if (!process.HasExited) Signals.Send(process.Id, Signals.SigTerm);
        });
        return started;
    }

    private static void Append(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log) log.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}");
    }

    public bool HasExited
    {
        get
        {
            if (!process.HasExited) return false;
            process.WaitForExit(); // drains the redirected output
            stopping.Dispose();
            return true;
        }
    }

    public int ExitCode => process.ExitCode;

    public bool Kill()
    {
        process.Kill();
        return true;
    }

    /// <summary>True for a lease owner id of this process ("host:pid:name").</summary>
    public bool Owns(string owner) => owner.Split(':') is [_, var pid, ..] && pid == process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
