using System.CommandLine;
using System.Text.Json;
using VaeSweep.Core.Config;
using VaeSweep.Core.Platform;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;

namespace VaeSweep.Cli.Commands;

/// <summary>
/// `vaesweep doctor STORE.db`: checks the invariants of RELIABILITY.md on a store and the run folders beside it.
/// Violations make the exit code 1; notes (unfinished runs, leases of dead processes that the next `run` releases)
/// describe a sweep that is merely not done and leave it 0. Reads only: it never repairs anything.
/// </summary>
public static class DoctorCommand
{
    public const int Unhealthy = 1;

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
            var (violations, notes) = Examine(storePath);
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
            return violations.Count == 0 ? ExitCodes.Ok : Unhealthy;
        }));
        return command;
    }

    public static (List<string> Violations, List<string> Notes) Examine(string storePath)
    {
        using var store = Store.OpenReadOnly(storePath);
        var violations = store.CheckInvariants().ToList();
        var notes = new List<string>();
        var runs = store.Sweeps().SelectMany(s => store.Runs(s.Id)).DistinctBy(r => r.RunKey).ToList();
        foreach (var run in runs)
        {
            var epochs = store.Epochs(run.RunKey);
            if (run.State == RunState.Completed)
            {
                var planned = CanonicalConfig.FromJson(run.ConfigJson).Training.Epochs;
                if (epochs.Count != planned)
                    violations.Add($"run {run.RunKey}: completed with {epochs.Count} epoch row(s), {planned} planned");
                if (run.FinishedUtc is null) violations.Add($"run {run.RunKey}: completed without a finish time");
            }
            if (run.State is RunState.Pending or RunState.Running or RunState.Evaluating)
                notes.Add($"run {run.RunKey}: {run.State.ToString().ToLowerInvariant()}, not finished");
            if (run.LeaseOwner is { } owner && OwnerId.IsDeadOnThisMachine(owner))
                notes.Add($"run {run.RunKey}: its lease holder {owner} is dead; the next `vaesweep run` releases it");
        }

        // Temporary files of an interrupted checkpoint write: the resume of their run removes them, so after a
        // sweep has finished none may remain.
        var sweepFolder = Path.GetDirectoryName(RunFolders.Logs(storePath))!;
        if (Directory.Exists(sweepFolder))
            foreach (var file in Directory.EnumerateFiles(sweepFolder, $".*{DurableFile.TemporarySuffix}", SearchOption.AllDirectories))
                violations.Add($"orphaned temporary file {file}");
        return (violations, notes);
    }
}
