using System.Diagnostics;
using System.Globalization;
using VaeSweep.Core.Platform;

namespace VaeSweep.Core.Scheduling;

/// <summary>A worker child process, its output appended to a log file.</summary>
public sealed class WorkerProcess : ILaunchedWorker
{
    private readonly Process process;
    private readonly WorkerOutput output = new();
    private CancellationTokenRegistration stopping;

    public string LogPath { get; private set; } = "";

    private WorkerProcess(ProcessStartInfo info, bool standby)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = standby;
        info.UseShellExecute = false;
        process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => output.Append(e.Data);
        process.ErrorDataReceived += (_, e) => output.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts the process; a cancelled <paramref name="stop"/> sends it SIGTERM, which it answers by giving
    /// its run back at a safe point.</summary>
    public static WorkerProcess Start(ProcessStartInfo info, string logPath, CancellationToken stop)
    {
        var started = new WorkerProcess(info, standby: false);
        started.Attach(logPath, stop);
        return started;
    }

    /// <summary>Starts a worker that waits for its sweep id on standard input (<see cref="Go"/>); until then its
    /// output is kept in memory, since nothing may be written before the sweep is checked.</summary>
    public static WorkerProcess StartStandby(ProcessStartInfo info) => new(info, standby: true);

    /// <summary>Hands a standby worker its sweep and pack width: from now on it is an ordinary worker.</summary>
    public void Go(long sweepId, int pack, string logPath, CancellationToken stop)
    {
        Attach(logPath, stop);
        process.StandardInput.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sweepId} {pack}"));
        process.StandardInput.Close();
    }

    /// <summary>Ends a standby worker that no slot took, with its output.</summary>
    public void Dismiss()
    {
        if (!process.HasExited) process.Kill();
        process.WaitForExit();
        process.Dispose();
    }

    private void Attach(string logPath, CancellationToken stop)
    {
        LogPath = logPath;
        output.WriteTo(logPath);
        stopping = stop.Register(() =>
        {
            if (!process.HasExited) Signals.Send(process.Id, Signals.SigTerm);
        });
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
    public bool Owns(string owner) => owner.Split(':') is [_, var pid, ..] && pid == process.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A worker's output lines, time-stamped, held until a log file is named and appended to it after.</summary>
    private sealed class WorkerOutput
    {
        private readonly Lock gate = new();
        private List<string>? held = [];
        private StreamWriter? log;

        public void Append(string? line)
        {
            if (line is null) return;
            var stamped = $"{DateTime.UtcNow:HH:mm:ss} {line}";
            lock (gate)
            {
                if (log is null) held!.Add(stamped);
                else log.WriteLine(stamped);
            }
        }

        public void WriteTo(string path)
        {
            lock (gate)
            {
                log = new StreamWriter(path, append: true) { AutoFlush = true };
                foreach (var line in held!) log.WriteLine(line);
                held = null;
            }
        }
    }
}
