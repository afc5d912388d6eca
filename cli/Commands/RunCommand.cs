using System.CommandLine;
using Spectre.Console;
using VaeSweep.Cli.Views;
using VaeSweep.Core.Platform;
using VaeSweep.Core.Scheduling;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Cli.Commands;

/// <summary>`vaesweep run CONFIG`: expand the sweep, train and evaluate every run, resume after any interruption.</summary>
public static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = new Argument<string>("config") { Description = "the sweep's YAML file, e.g. configs/beta.yaml" };
        var store = new Option<string?>("--store") { Description = "the store: a SQLite file, or postgresql://USER@HOST[:PORT]/DATABASE shared by many machines (default: the sweep file's sweep.store, or runs/NAME.db)" };
        var workers = new Option<int?>("--workers")
        {
            Description = "worker processes per device (default: one per core on the CPU, cores / --threads; one per GPU)",
        };
        var devices = new Option<string>("--devices") { Description = "comma-separated devices: cpu, cuda:0,cuda:1, ...", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int>("--threads") { Description = "libtorch threads per worker", DefaultValueFactory = _ => 1 };
        var pack = new Option<string?>("--pack")
        {
            Description = "train up to N runs of the same shape together in one packed step (1: each run alone; " +
                          "default: 8 on the CPU, 64 on a GPU)",
        };
        var lease = new Option<double>("--lease-seconds") { Description = "how long a run stays claimed without a heartbeat from its worker", DefaultValueFactory = _ => 60 };
        var retry = new Option<bool>("--retry-failed") { Description = "give failed and diverged runs another try" };
        var inProcess = new Option<bool>("--in-process") { Description = "train in this process instead of worker processes (no crash isolation)" };
        var launcher = new Option<string>("--launcher") { Description = "where workers run: process (child processes), in-process, or slurm (a job array)", DefaultValueFactory = _ => "process" };
        launcher.AcceptOnlyFromAmong("process", "in-process", "slurm");
        var slurm = new SlurmLaunch();
        var command = new Command("run",
            "Expand a sweep into runs, train and evaluate them, and record everything in the store. Running the same " +
            "command again after any interruption continues where it stopped.")
        {
            config, store, workers, devices, threads, pack, lease, retry, inProcess, launcher,
        };
        foreach (var option in slurm.All) command.Options.Add(option);
        command.SetAction(parse => UserErrors.Run(error, () =>
        {
            var options = new SweepRunOptions
            {
                ConfigPath = parse.GetValue(config)!,
                StorePath = parse.GetValue(store),
                Workers = parse.GetValue(workers) is { } count ? Arguments.Positive(count, "--workers") : null,
                Devices = Arguments.Devices(parse.GetValue(devices)!),
                Threads = Arguments.Positive(parse.GetValue(threads), "--threads"),
                Pack = Arguments.Pack(parse.GetValue(pack)),
                Lease = TimeSpan.FromSeconds(Arguments.Positive(parse.GetValue(lease), "--lease-seconds")),
                RetryFailed = parse.GetValue(retry),
                InProcess = parse.GetValue(inProcess) || parse.GetValue(launcher) == "in-process",
            };
            if (parse.GetValue(launcher) == "slurm") return slurm.Submit(parse, options, output);
            if (parse.GetValue(slurm.Parts.Enabled) || parse.GetValue(slurm.Parts.Dir) is not null)
                throw new UsageException("--parts splits a sweep over a Slurm job array: add --launcher slurm");
            // In this process the worker's own log lines would repeat the events the progress tells from the store.
            IWorkerLauncher slots = options.InProcess
                ? new InProcessLauncher(_ => { })
                : new ChildProcessLauncher(WorkerCommand.StartInfo);
            using var signal = Signals.Listen();
            int code;
            if (!Arguments.IsTerminal(output))
            {
                code = new Scheduler(options, slots, output, new PlainSweepView(output)).Run(signal.Token);
            }
            else
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
                var view = new LiveSweepView(console);
                code = view.Show(() => new Scheduler(options, slots, new ConsoleLineWriter(console), view).Run(signal.Token));
            }
            return signal.Token.IsCancellationRequested ? signal.ExitCode : code;
        }));
        return command;
    }
}
