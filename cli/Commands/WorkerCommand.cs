using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using VaeSweep.Core.Platform;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Scheduling;
using VaeSweep.Core.Scheduling.Slurm;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Cli.Commands;

/// <summary>`vaesweep worker` (hidden): the child process `run` starts; claims and executes runs of one sweep.</summary>
public static class WorkerCommand
{
    private static readonly Option<string?> StoreOption = new("--store");
    // A Slurm array task of `run --parts`: works on a copy of this part (on the shared folder) on local disk, in
    // --parts-dir (default: the node's temporary folder, $TMPDIR or /tmp), with the runs' files beside --files-beside.
    private static readonly Option<string?> PartOption = new("--part");
    private static readonly Option<string?> PartsDirOption = new("--parts-dir");
    private static readonly Option<string?> FilesBesideOption = new("--files-beside");
    private static readonly Option<long?> SweepOption = new("--sweep-id");
    // By name: a Slurm array's script is written before (for --dry-run, without) the store holds the sweep.
    private static readonly Option<string?> SweepNameOption = new("--sweep");
    private static readonly Option<string> DeviceOption = new("--device") { DefaultValueFactory = _ => "cpu" };
    private static readonly Option<int> ThreadsOption = new("--threads") { DefaultValueFactory = _ => 1 };
    private static readonly Option<int> PackOption = new("--pack") { DefaultValueFactory = _ => 1 };
    // The packed engine for packs of one too (a slot narrowed to one after running out of memory).
    private static readonly Option<bool> PackedOption = new("--packed");
    private static readonly Option<double> LeaseOption = new("--lease-seconds") { DefaultValueFactory = _ => 60 };
    private static readonly Option<string> NameOption = new("--name") { DefaultValueFactory = _ => "w0" };
    // Started by `run` before it has checked the sweep (ChildProcessLauncher.StartAhead): libtorch loads meanwhile,
    // and the store is not opened until the sweep id arrives on standard input; end of input means no run needs it.
    private static readonly Option<bool> StandbyOption = new("--standby");

    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("worker", "Internal: one worker process of `vaesweep run`.")
        {
            StoreOption, SweepOption, SweepNameOption, DeviceOption, ThreadsOption, PackOption, PackedOption, LeaseOption, NameOption,
            StandbyOption, PartOption, PartsDirOption, FilesBesideOption,
        };
        command.Hidden = true;
        command.SetAction(parse => UserErrors.Run(error, () =>
        {
            using var signal = Signals.Listen();
            if (parse.GetValue(PartOption) is { } shared)
            {
                // Beside the local copy, checkpoints would be lost with the node's disk.
                if (parse.GetValue(FilesBesideOption) is null) throw new UsageException("worker: --part needs --files-beside MAIN.db");
                var name = parse.GetValue(NameOption)!;
                using var part = LocalPart.Fetch(shared, parse.GetValue(PartsDirOption) ?? Path.GetTempPath(), name,
                    message => output.WriteLine(message));
                using var store = Store.Open(part.LocalPath);
                try
                {
                    using (part.HandBackPeriodically(store))
                        return Work(parse, store, part.LocalPath, output, signal);
                }
                finally
                {
                    // Also after a stop (the runs were given back first) or a failure: what the part recorded is kept.
                    part.HandBack(store);
                }
            }
            var location = parse.GetValue(StoreOption) ?? throw new UsageException("worker: give --store or --part");
            var device = Device.Parse(parse.GetValue(DeviceOption)!);
            var givenSweep = parse.GetValue(SweepOption);
            var pack = parse.GetValue(PackOption);
            if (parse.GetValue(StandbyOption))
            {
                Torch.EnsureDevice(device);
                if (Console.In.ReadLine()?.Split(' ') is not [var sweep, var width]) return ExitCodes.Ok;
                (givenSweep, pack) = (long.Parse(sweep, CultureInfo.InvariantCulture), int.Parse(width, CultureInfo.InvariantCulture));
            }
            using var opened = StoreLocation.Open(location);
            return Work(parse, opened, location, output, signal, givenSweep, pack);
        }));
        return command;
    }

    private static int Work(ParseResult parse, IStore store, string location, TextWriter output, SignalStop signal,
        long? givenSweep = null, int? givenPack = null)
    {
        var device = Device.Parse(parse.GetValue(DeviceOption)!);
        var pack = givenPack ?? parse.GetValue(PackOption);
        var sweepId = givenSweep ?? SweepIdByName(store, parse.GetValue(SweepNameOption));
        var name = parse.GetValue(NameOption)!;
        var launch = new WorkerLaunch(location, sweepId, device,
            parse.GetValue(ThreadsOption), TimeSpan.FromSeconds(parse.GetValue(LeaseOption)), name,
            Arguments.Positive(pack, "--pack"))
        {
            Packed = pack > 1 || parse.GetValue(PackedOption),
            FilesBeside = parse.GetValue(FilesBesideOption) is { } main ? Path.GetFullPath(main) : null,
        };
        var worker = new Worker(store, launch, OwnerId.ForThisProcess(name), new DataCache(DataCache.DefaultRoot()),
            message => output.WriteLine(message));
        worker.Run(signal.Token);
        if (signal.Token.IsCancellationRequested) return signal.ExitCode;
        return worker.RanOutOfMemory ? Worker.PackDidNotFit : ExitCodes.Ok;
    }

    private static long SweepIdByName(IStore store, string? name)
    {
        if (name is null) throw new UsageException("worker: give --sweep-id or --sweep");
        return store.Sweeps().SingleOrDefault(s => s.Name == name)?.Id ?? throw new StoreException(
            $"store {store.Path} has no sweep '{name}'; submit it with `vaesweep run CONFIG --launcher slurm`");
    }

    /// <summary>This same program as a command line: the executable, and under `dotnet vaesweep.dll` (where the
    /// process is the dotnet host) the assembly too.</summary>
    public static IReadOnlyList<string> Invocation()
    {
        var executable = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(executable) == "dotnet"
            ? [executable, typeof(CliApp).Assembly.Location]
            : [executable];
    }

    /// <summary>How ChildProcessLauncher starts a worker: this same program, with the worker command; on
    /// <paramref name="standby"/>, one that is told its sweep later.</summary>
    public static ProcessStartInfo StartInfo(WorkerLaunch launch, bool standby)
    {
        var invocation = Invocation();
        var info = new ProcessStartInfo(invocation[0]);
        foreach (var a in invocation.Skip(1)) info.ArgumentList.Add(a);
        var inv = CultureInfo.InvariantCulture;
        var (store, password) = StoreLocation.ForAnotherProcess(launch.StorePath);
        if (password is not null) info.Environment["PGPASSWORD"] = password;
        string[] sweep = standby ? ["--standby"] : ["--sweep-id", launch.SweepId.ToString(inv)];
        string[] arguments =
        [
            "worker", "--store", store, .. sweep,
            "--device", launch.Device.ToString(), "--threads", launch.Threads.ToString(inv), "--pack", launch.Pack.ToString(inv),
            "--lease-seconds", launch.Lease.TotalSeconds.ToString(inv), "--name", launch.Name,
        ];
        foreach (var a in arguments)
            info.ArgumentList.Add(a);
        // A standby worker's width comes later and may be narrower than the slot's.
        if (launch.Packed && (launch.Pack == 1 || standby)) info.ArgumentList.Add("--packed");
        return info;
    }
}
