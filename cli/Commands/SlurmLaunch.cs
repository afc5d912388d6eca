using System.CommandLine;
using VaeSweep.Core.Planning;
using VaeSweep.Core.Scheduling;
using VaeSweep.Core.Scheduling.Slurm;
using VaeSweep.Core.Storage;

namespace VaeSweep.Cli.Commands;

/// <summary>
/// `vaesweep run CONFIG --launcher slurm`: syncs the sweep into its store, then submits a Slurm job array whose
/// tasks are `vaesweep worker`s claiming runs from that store. With --dry-run it prints the sbatch script and
/// writes nothing. The store must be one every node can reach, or, with --parts, a SQLite file that goes out in
/// parts (<see cref="SlurmPartsLaunch"/>).
/// </summary>
public sealed class SlurmLaunch
{
    public Option<int> Slots { get; } = new("--slots") { Description = "Slurm launcher: array tasks running at once", DefaultValueFactory = _ => 2 };
    public Option<string?> Partition { get; } = new("--partition") { Description = "Slurm launcher: the partition" };
    public Option<string?> Gres { get; } = new("--gres") { Description = "Slurm launcher: generic resources per task, e.g. gpu:1" };
    public Option<string?> Time { get; } = new("--time") { Description = "Slurm launcher: time limit per task, HH:MM:SS" };
    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Slurm launcher: print the sbatch script (with --parts, both scripts), submit nothing" };
    public SlurmPartsLaunch Parts { get; } = new();

    public IEnumerable<Option> All => [Slots, Partition, Gres, Time, DryRun, .. Parts.All];

    public int Submit(ParseResult parse, SweepRunOptions options, TextWriter output)
    {
        if (options.Devices.Count != 1)
            throw new UsageException("--launcher slurm: give one --devices entry (cuda:0 is the GPU Slurm assigns each task)");
        var plan = Planner.LoadFile(options.ConfigPath);
        var location = options.StorePath ?? plan.Sweep.StorePath;
        var parts = Parts.Asked(parse, location, plan);
        // The script names the store without a password; sbatch passes its environment, PGPASSWORD included, on to
        // the tasks.
        var (storePath, password) = StoreLocation.ForAnotherProcess(location);
        var slots = Arguments.Positive(parse.GetValue(Slots), "--slots");
        var pack = options.Pack ?? PackWidth.DefaultFor(options.Devices[0]);
        var job = new SlurmJob(WorkerCommand.Invocation(), plan.Sweep.Name, storePath, options.Devices[0].ToString(),
            options.Threads, pack, options.Lease, Math.Max(Packs(plan.Runs.Count, pack), slots), slots, parse.GetValue(Partition),
            parse.GetValue(Gres), parse.GetValue(Time), Environment.CurrentDirectory)
        {
            Parts = parts,
            PartsDir = parse.GetValue(Parts.Dir),
        };
        var script = Script(() => SbatchScript.Write(job));
        if (parts) return Parts.Submit(job, plan, options, parse.GetValue(DryRun), output);
        if (parse.GetValue(DryRun))
        {
            output.Write(script);
            return ExitCodes.Ok;
        }

        var sbatch = SlurmSubmitter.FindSbatch();
        using (var store = StoreLocation.Open(location))
        {
            var sync = SweepSync.Apply(store, plan.Sweep);
            output.WriteLine($"sweep '{plan.Sweep.Name}': {plan.Runs.Count} runs ({sync.NewRuns} new), store {storePath}");
        }
        var (jobId, scriptPath) = SlurmSubmitter.Submit(sbatch, job, script, password);
        output.WriteLine($"submitted Slurm job {jobId}: {job.Tasks} array task(s), {slots} at once; script {scriptPath}; logs in {job.LogFolder}");
        output.WriteLine($"follow it with `vaesweep status {storePath}`");
        return ExitCodes.Ok;
    }

    /// <summary>A script, with a setting SbatchScript refuses turned into a usage error (one line, exit code 2).</summary>
    public static string Script(Func<string> write)
    {
        try
        {
            return write();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    // A task claims a pack at a time: as many tasks as packs of the plan keep each run's task count as it was.
    private static int Packs(int runs, int pack) => (runs + pack - 1) / pack;
}
