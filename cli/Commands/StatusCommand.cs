using System.CommandLine;
using Spectre.Console;
using VaeSweep.Cli.Views;
using VaeSweep.Core.Planning;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Scheduling.Slurm;

namespace VaeSweep.Cli.Commands;

/// <summary>`vaesweep status`: each run of a sweep with its state, also while another process is running it.</summary>
public static class StatusCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var target = new Argument<string>("target") { Description = "a sweep's YAML file, its .db store, or a postgresql:// store" };
        var events = new Option<int>("--events") { Description = "also show the last N events (failures, takeovers, resumes)", DefaultValueFactory = _ => 0 };
        var command = new Command("status", "Show a sweep's runs and their states.") { target, events };
        command.SetAction(parse => UserErrors.Run(error, () =>
        {
            var path = parse.GetValue(target)!;
            // A folder or a .db path is taken as a store (OpenReadOnly names what is wrong with it), anything else as
            // a sweep file whose store is read.
            var isStore = Directory.Exists(path) || path.EndsWith(".db", StringComparison.OrdinalIgnoreCase) ||
                          path.Contains("://", StringComparison.Ordinal);
            var storePath = isStore ? path : Planner.LoadFile(path).Sweep.StorePath;
            using var store = StoreLocation.OpenForReading(storePath);
            var terminal = Arguments.IsTerminal(output);
            var console = terminal ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) }) : null;
            foreach (var sweep in store.Sweeps())
            {
                var rows = store.Runs(sweep.Id).Select(StatusRow.From).ToList();
                if (console is null) StatusText.Write(output, sweep.Name, store.Counts(sweep.Id), rows);
                else StatusTable.Write(console, sweep.Name, store.Counts(sweep.Id), rows);
                if (Halving.Summary(store.Rungs(sweep.Id)) is { } halving) output.WriteLine(halving);
            }
            // Runs out in parts (run --parts) are worked on in files of their own: this store has them as they left.
            if (!StoreLocation.IsServer(storePath) && SweepParts.Read(storePath) is { } parts)
                output.WriteLine(parts.Describe(storePath));
            var n = parse.GetValue(events);
            if (n > 0)
                foreach (var e in store.Events().TakeLast(n))
                    output.WriteLine($"  {e.TimeUtc:u} {e.Kind} {e.RunKey} {e.Message}");
            return ExitCodes.Ok;
        }));
        return command;
    }

}
