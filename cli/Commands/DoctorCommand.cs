using System.CommandLine;
using System.Text.Json;
using VaeSweep.Core.Config;
using VaeSweep.Core.Scheduling.Slurm;
using VaeSweep.Core.Storage;

namespace VaeSweep.Cli.Commands;

/// <summary>
/// `vaesweep doctor STORE.db`: checks the invariants of RELIABILITY.md on a store and the run folders beside it.
/// Violations make the exit code 1; notes (unfinished runs, leases of dead processes that the next `run` releases)
/// describe a sweep that is merely not done and leave it 0. Reads only: it never repairs anything.
/// </summary>
public static class DoctorCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var target = new Argument<string>("store") { Description = "the sweep's .db store" };
        var json = new Option<bool>("--json") { Description = "print the findings as one JSON object" };
        var command = new Command("doctor",
            "Check a store: SQLite integrity, contiguous epochs, checkpoint files with their recorded size and hash, " +
            "leases only on live runs, terminal runs complete, no orphaned temporary files. Exit code 1 when any " +
            "check fails.") { target, json };
        command.SetAction(parse => UserErrors.Run(error, () =>
        {
            var storePath = Path.GetFullPath(parse.GetValue(target)!);
            StoreHealth health;
            // Runs out in Slurm parts have their checkpoints written and pruned by the parts until the merge.
            var away = SweepParts.Read(storePath)?.Parts.SelectMany(p => p).Select(k => new RunKey(k)).ToHashSet();
            using (var store = Store.OpenReadOnly(storePath)) health = store.Examine(away);
            var (violations, notes) = (health.Violations, health.Notes);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new { store = storePath, ok = violations.Count == 0, violations, notes }));
            }
            else
            {
                foreach (var v in violations) output.WriteLine($"violation: {v}");
                foreach (var n in notes) output.WriteLine($"note: {n}");
                output.WriteLine(violations.Count == 0
                    ? $"{storePath}: healthy"
                    : $"{storePath}: {violations.Count} violation(s)");
            }
            return health.IsHealthy ? ExitCodes.Ok : ExitCodes.StoreUnhealthy;
        }));
        return command;
    }
}
