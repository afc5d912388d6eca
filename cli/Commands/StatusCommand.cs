using System.CommandLine;
using System.Globalization;
using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Scheduling;
using VaeSweep.Core.Scheduling.Slurm;

namespace VaeSweep.Cli.Commands;

/// <summary>`vaesweep status`: each run of a sweep with its state, also while another process is running it.</summary>
public static class StatusCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var target = new Argument<string>("target") { Description = "a sweep's YAML file or its .db store" };
        var events = new Option<int>("--events") { Description = "also show the last N events (failures, takeovers, resumes)", DefaultValueFactory = _ => 0 };
        var command = new Command("status", "Show a sweep's runs and their states.") { target, events };
        command.SetAction(parse => UserErrors.Run(error, () =>
        {
            var path = parse.GetValue(target)!;
            var storePath = path.EndsWith(".db", StringComparison.OrdinalIgnoreCase) ? path : Planner.LoadFile(path).Sweep.StorePath;
            if (!File.Exists(storePath)) throw new StoreException($"{storePath}: no store yet (run the sweep first)");
            using var store = Store.Open(storePath);
            foreach (var sweep in store.Sweeps())
            {
                var counts = store.Counts(sweep.Id);
                output.WriteLine($"sweep '{sweep.Name}': " + string.Join(", ",
                    Enum.GetValues<RunState>().Select(s => $"{counts.GetValueOrDefault(s)} {s.ToString().ToLowerInvariant()}")));
                output.WriteLine($"  {"run",-16} {"state",-10} {"epochs",6} {"log p(x)",10}  axes / reason");
                foreach (var r in store.Runs(sweep.Id))
                {
                    var ll = r.LogLikelihood is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "";
                    var epochs = r.LatestEpoch is { } e ? (e + 1).ToString(CultureInfo.InvariantCulture) : "";
                    var holder = r.LeaseOwner is null ? "" : $" [held by {r.LeaseOwner}{SlurmJobText(r.LeaseOwner)}]";
                    var detail = r.Reason ?? AxesText.Describe(r.AxesJson, " ");
                    output.WriteLine($"  {r.RunKey,-16} {r.State.ToString().ToLowerInvariant(),-10} {epochs,6} {ll,10}  {detail}{holder}");
                }
            }
            var n = parse.GetValue(events);
            if (n > 0)
                foreach (var e in store.Events().TakeLast(n))
                    output.WriteLine($"  {e.TimeUtc:u} {e.Kind} {e.RunKey} {e.Message}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string SlurmJobText(string owner) => SlurmOwner.JobOf(owner) is { } job ? $", Slurm job {job}" : "";
}
