using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using VaeSweep.Core.Platform;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Scheduling;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Cli.Commands;

/// <summary>`vaesweep worker` (hidden): the child process `run` starts; claims and executes runs of one sweep.</summary>
public static class WorkerCommand
{
    private static readonly Option<string> StoreOption = new("--store") { Required = true };
    private static readonly Option<long> SweepOption = new("--sweep-id") { Required = true };
    private static readonly Option<string> DeviceOption = new("--device") { DefaultValueFactory = _ => "cpu" };
    private static readonly Option<int> ThreadsOption = new("--threads") { DefaultValueFactory = _ => 1 };
    private static readonly Option<double> LeaseOption = new("--lease-seconds") { DefaultValueFactory = _ => 60 };
    private static readonly Option<string> NameOption = new("--name") { DefaultValueFactory = _ => "w0" };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("worker", "Internal: one worker process of `vaesweep run`.")
        {
            StoreOption, SweepOption, DeviceOption, ThreadsOption, LeaseOption, NameOption,
        };
        command.Hidden = true;
        command.SetAction(parse => UserErrors.Run(error, () =>
        {
            using var signal = Signals.Listen();
            using var store = Store.Open(parse.GetValue(StoreOption)!);
            var worker = new Worker(store, parse.GetValue(SweepOption), OwnerId.ForThisProcess(parse.GetValue(NameOption)!),
                new DataCache(DataCache.DefaultRoot()), Device.Parse(parse.GetValue(DeviceOption)!),
                parse.GetValue(ThreadsOption), TimeSpan.FromSeconds(parse.GetValue(LeaseOption)),
                message => output.WriteLine(message));
            worker.Run(signal.Token);
            return signal.Token.IsCancellationRequested ? signal.ExitCode : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>How ChildProcessLauncher starts a worker: this same program, with the worker command.</summary>
    public static ProcessStartInfo StartInfo(WorkerLaunch launch)
    {
        var executable = Environment.ProcessPath!;
        var info = new ProcessStartInfo(executable);
        // Under `dotnet vaesweep.dll` the process is the dotnet host: pass the assembly too.
        if (Path.GetFileNameWithoutExtension(executable) == "dotnet") info.ArgumentList.Add(typeof(CliApp).Assembly.Location);
        var inv = CultureInfo.InvariantCulture;
        foreach (var a in new[]
                 {
                     "worker", "--store", Path.GetFullPath(launch.StorePath), "--sweep-id", launch.SweepId.ToString(inv),
                     "--device", launch.Device.ToString(), "--threads", launch.Threads.ToString(inv),
                     "--lease-seconds", launch.Lease.TotalSeconds.ToString(inv), "--name", launch.Name,
                 })
            info.ArgumentList.Add(a);
        return info;
    }
}
