using System.CommandLine;
using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;
using VaeSweep.Core.Scheduling;
using VaeSweep.Core.Scheduling.Slurm;
using VaeSweep.Core.Storage;

namespace VaeSweep.Cli.Commands;

/// <summary>
/// `vaesweep run CONFIG --launcher slurm --parts`: for clusters without a database server. The sweep is planned into
/// its SQLite store on the shared folder as usual; then each array task gets a part holding its share of the runs
/// still to train (runs/SWEEP/slurm/parts/part-N.db), works on a copy of it on its node's local disk, and copies it
/// back when it ends or is signalled; a job that depends on the array (afterany) merges the parts into the store.
/// Checkpoints go to the store's run folders on the shared folder as always, so a run given back in one part
/// resumes from its checkpoint in the next submission's.
/// </summary>
public sealed class SlurmPartsLaunch
{
    public Option<bool> Enabled { get; } = new("--parts")
    {
        Description = "Slurm launcher, SQLite store: each array task works on its own part of the sweep in a SQLite " +
                      "file on its node's local disk; a job after the array merges the parts into the store",
    };

    public Option<string?> Dir { get; } = new("--parts-dir")
    {
        Description = "with --parts: the node-local folder for a task's copy of its part (default: the node's $TMPDIR, else /tmp)",
    };

    public IEnumerable<Option> All => [Enabled, Dir];

    /// <summary>Whether --parts was given, after refusing the combinations it cannot serve (before anything is written).</summary>
    public bool Asked(ParseResult parse, string location, Plan plan)
    {
        var parts = parse.GetValue(Enabled);
        if (!parts)
        {
            if (parse.GetValue(Dir) is not null) throw new UsageException("--parts-dir goes with --parts");
            return false;
        }
        if (StoreLocation.IsServer(location))
            throw new UsageException("--parts splits a SQLite store into files on the nodes' local disks; a postgresql:// store " +
                                     "is shared by every node already: drop --parts");
        if (plan.Sweep.Halving is not null)
            throw new UsageException($"--parts cannot split sweep '{plan.Sweep.Name}': halving decides its rungs on every run's " +
                                     "results in one store; drop --parts (with a postgresql:// store if the nodes share no disk)");
        return true;
    }

    public int Submit(SlurmJob template, Plan plan, SweepRunOptions options, bool dryRun, TextWriter output)
    {
        var storePath = template.StorePath;
        var name = plan.Sweep.Name;
        if (dryRun)
        {
            IReadOnlySet<RunKey> planned = plan.Runs.Select(r => r.Key).ToHashSet();
            if (File.Exists(storePath))
            {
                using var existing = Store.OpenReadOnly(storePath);
                if (existing.Sweeps().Any(s => s.Name == name)) planned = PartsLaunch.ToTrain(existing, name, DateTimeOffset.UtcNow);
            }
            var shares = PartsLaunch.Shares(plan, planned, template.Pack, template.Slots);
            if (shares.Count == 0) return NothingToTrain(name, output);
            var job = Fitted(template, shares.Count);
            output.WriteLine($"# array job: {shares.Count} task(s), task N working on {SweepParts.PartPath(storePath, 0)[..^"0.db".Length]}N.db");
            output.Write(SbatchScript.Write(job));
            output.WriteLine("# merge job, submitted with --dependency=afterany:<the array's job id>");
            output.Write(SbatchScript.WriteMerge(job));
            return ExitCodes.Ok;
        }

        var sbatch = SlurmSubmitter.FindSbatch();
        var earlier = SweepParts.Read(storePath);
        if (earlier is not null)
        {
            var listed = SlurmSubmitter.Listed(new[] { earlier.ArrayJob, earlier.MergeJob }.OfType<string>());
            if (listed.Count > 0)
                throw new SlurmUnavailableException(
                    $"the parts of sweep '{earlier.Sweep}' are still out: squeue lists Slurm job {string.Join(" and ", listed)}; " +
                    "wait for it to end (or scancel it), then submit again");
        }
        IReadOnlyList<IReadOnlyList<RunKey>> parts;
        using (var store = Store.Open(storePath))
        {
            var sync = SweepSync.Apply(store, plan.Sweep);
            output.WriteLine($"sweep '{name}': {plan.Runs.Count} runs ({sync.NewRuns} new), store {storePath}");
            if (options.RetryFailed && store.ResetFailed(sync.Sweep.Id) is > 0 and var reset)
                output.WriteLine($"retrying {reset} failed or diverged run(s)");
            if (earlier is not null)
                output.WriteLine($"merged the parts of Slurm job {earlier.ArrayJob} back: " +
                                 $"{PartsLaunch.BringBack(storePath, earlier)} run(s) brought something new");
            parts = PartsLaunch.Shares(plan, PartsLaunch.ToTrain(store, name, DateTimeOffset.UtcNow), template.Pack, template.Slots);
        }
        if (parts.Count == 0) return NothingToTrain(name, output);
        foreach (var stale in Directory.Exists(SweepParts.Folder(storePath))
                     ? Directory.EnumerateFiles(SweepParts.Folder(storePath), "part-*.db") : [])
            File.Delete(stale);
        PartsLaunch.Extract(storePath, name, parts);

        var fitted = Fitted(template, parts.Count);
        var (arrayJob, scriptPath) = SlurmSubmitter.Submit(sbatch, fitted, SbatchScript.Write(fitted));
        new SweepParts(name, arrayJob, null, SweepParts.Listed(parts)).Write(storePath);
        output.WriteLine($"submitted Slurm job {arrayJob}: {fitted.Tasks} array task(s), {fitted.Slots} at once, each on its part in " +
                         $"{SweepParts.Folder(storePath)}; script {scriptPath}; logs in {fitted.LogFolder}");
        var (mergeJob, _) = SlurmSubmitter.Submit(sbatch, fitted, SbatchScript.WriteMerge(fitted), kind: "merge",
            dependency: $"afterany:{arrayJob}");
        // The merge job removes the manifest when it is done; it cannot be done already: Slurm has yet to schedule it
        // (after the whole array) and start it, seconds at the least, while this write takes milliseconds.
        new SweepParts(name, arrayJob, mergeJob, SweepParts.Listed(parts)).Write(storePath);
        output.WriteLine($"submitted Slurm job {mergeJob}: merges the parts into {storePath} when job {arrayJob} ends");
        output.WriteLine($"follow it with `vaesweep status {storePath}`");
        return ExitCodes.Ok;
    }

    // As many tasks as parts, no more at once than there are.
    private static SlurmJob Fitted(SlurmJob template, int parts) =>
        template with { Tasks = parts, Slots = Math.Min(template.Slots, parts) };

    private static int NothingToTrain(string sweep, TextWriter output)
    {
        output.WriteLine($"sweep '{sweep}': nothing left to train (every run has ended or is held by another process); nothing submitted");
        return ExitCodes.Ok;
    }
}
