using VaeSweep.Core.Platform;
using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Storage;

public sealed partial class Store
{
    /// <summary>
    /// The doctor's examination: <see cref="CheckInvariants"/>, then what only the runs' configs and the folders
    /// beside the store can tell (a completed run has all its planned epochs and a finish time; no temporary file
    /// of an interrupted checkpoint write is left). Reads only: it never repairs anything. <paramref name="away"/>: as
    /// for <see cref="CheckInvariants"/>; each such run gets a note instead.
    /// </summary>
    public StoreHealth Examine(IReadOnlySet<RunKey>? away = null)
    {
        var violations = CheckInvariants(away).ToList();
        var notes = new List<string>();
        foreach (var key in away ?? new HashSet<RunKey>())
            notes.Add($"run {key}: out in parts; its checkpoint files change in the parts until the merge, so they are not checked here");
        var runs = Sweeps().SelectMany(s => Runs(s.Id)).DistinctBy(r => r.RunKey).ToList();
        foreach (var run in runs)
        {
            if (run.State == RunState.Completed)
            {
                var epochs = Epochs(run.RunKey).Count;
                var planned = run.Config.Training.Epochs;
                if (epochs != planned)
                    violations.Add($"run {run.RunKey}: completed with {epochs} epoch row(s), {planned} planned");
                if (run.FinishedUtc is null) violations.Add($"run {run.RunKey}: completed without a finish time");
            }
            if (run.State is RunState.Pending or RunState.Running or RunState.Evaluating)
                notes.Add($"run {run.RunKey}: {run.State.ToString().ToLowerInvariant()}, not finished");
            if (run.LeaseOwner is { } owner && OwnerId.IsDeadOnThisMachine(owner))
                notes.Add($"run {run.RunKey}: its lease holder {owner} is dead; the next `vaesweep run` releases it");
        }

        // Temporary files of an interrupted checkpoint write: the resume of their run removes them, so after a
        // sweep has finished none may remain.
        var sweepFolder = System.IO.Path.GetDirectoryName(RunFolders.Logs(Path))!;
        if (Directory.Exists(sweepFolder))
            foreach (var file in Directory.EnumerateFiles(sweepFolder, $".*{DurableFile.TemporarySuffix}", SearchOption.AllDirectories))
                violations.Add($"orphaned temporary file {file}");
        return new StoreHealth(violations, notes);
    }
}
