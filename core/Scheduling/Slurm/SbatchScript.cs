using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace VaeSweep.Core.Scheduling.Slurm;

/// <summary>
/// Writes the sbatch script of a <see cref="SlurmJob"/>: a pure function of the job, golden-tested.
/// <para>The batch shell starts the worker in the background and forwards SIGTERM to it: with
/// <c>--signal=B:TERM@120</c> Slurm signals only the batch shell before the time limit, and the worker answers a
/// SIGTERM by finishing its step, checkpointing and giving its run back (pending again), so another task resumes it.
/// <c>--requeue</c> lets Slurm restart a task whose node failed; its runs' leases expire and are taken over.</para>
/// <para>A job in parts (<see cref="SlurmJob.Parts"/>) starts task N's worker on part N instead of the store: the
/// worker copies it to local disk, and copies it back when it ends or is signalled (<see cref="LocalPart"/>);
/// <see cref="WriteMerge"/> writes the job that merges the parts afterwards.</para>
/// </summary>
public static partial class SbatchScript
{
    public static string Write(SlurmJob job)
    {
        Check(job);
        var inv = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append(inv, $"# vaesweep: sweep '{job.SweepName}', store {job.StorePath}\n");
        s.Append(inv, $"#SBATCH --job-name=vaesweep-{job.SweepName}\n");
        s.Append(inv, $"#SBATCH --array=0-{job.Tasks - 1}%{job.Slots}\n");
        if (job.Partition is { } partition) s.Append(inv, $"#SBATCH --partition={partition}\n");
        if (job.Gres is { } gres) s.Append(inv, $"#SBATCH --gres={gres}\n");
        if (job.Time is { } time) s.Append(inv, $"#SBATCH --time={time}\n");
        s.Append(inv, $"#SBATCH --ntasks=1\n");
        s.Append(inv, $"#SBATCH --cpus-per-task={job.Threads}\n");
        s.Append(inv, $"#SBATCH --signal=B:TERM@{SlurmJob.GraceSeconds}\n");
        s.Append("#SBATCH --requeue\n");
        s.Append(inv, $"#SBATCH --chdir={job.WorkingDirectory}\n");
        s.Append(inv, $"#SBATCH --output={job.LogFolder}/%A_%a.out\n");
        s.Append("set -u\n");
        // Task N of an array in parts works on part N; the shell fills in N.
        var store = job.Parts
            ? $"--part {Quote(SweepParts.PartPath(job.StorePath, 0)[..^"0.db".Length])}\"${{SLURM_ARRAY_TASK_ID}}.db\" " +
              $"--files-beside {Quote(job.StorePath)}"
            : $"--store {Quote(job.StorePath)}";
        string[] partsDir = job is { Parts: true, PartsDir: { } dir } ? ["--parts-dir", dir] : [];
        var worker = job.Command.Select(Quote).Append("worker").Append(store).Concat(new[]
        {
            "--sweep", job.SweepName, "--device", job.Device, "--threads", job.Threads.ToString(inv),
            "--pack", job.Pack.ToString(inv), "--lease-seconds", job.Lease.TotalSeconds.ToString(inv),
        }.Concat(partsDir).Select(Quote));
        // The owner name carries the array task, so `status` shows which Slurm task holds each lease.
        s.Append(inv, $"{string.Join(' ', worker)} --name \"{SlurmOwner.ScriptName}\" &\n");
        s.Append("worker=$!\n");
        s.Append("trap 'kill -TERM \"$worker\" 2>/dev/null' TERM INT\n");
        // wait returns early when a trapped signal arrives: wait again until the worker has given its run back.
        s.Append("wait \"$worker\"; status=$?\n");
        s.Append("while kill -0 \"$worker\" 2>/dev/null; do wait \"$worker\"; status=$?; done\n");
        s.Append("exit \"$status\"\n");
        return s.ToString();
    }

    /// <summary>
    /// The script of the job that brings an array's parts back: `vaesweep merge` of every part into the main store
    /// (idempotent; a conflict leaves the store as it was and the parts where they are), then the parts' manifest
    /// goes, so `status` stops saying the runs are out. It is submitted with --dependency=afterany:ARRAY, so it
    /// runs once every task has ended, whether it finished, failed or was cancelled.
    /// </summary>
    public static string WriteMerge(SlurmJob job)
    {
        Check(job);
        var inv = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append(inv, $"# vaesweep: merges the parts of sweep '{job.SweepName}' into store {job.StorePath}\n");
        s.Append(inv, $"#SBATCH --job-name=vaesweep-{job.SweepName}-merge\n");
        if (job.Partition is { } partition) s.Append(inv, $"#SBATCH --partition={partition}\n");
        s.Append("#SBATCH --ntasks=1\n");
        s.Append("#SBATCH --cpus-per-task=1\n");
        s.Append(inv, $"#SBATCH --chdir={job.WorkingDirectory}\n");
        s.Append(inv, $"#SBATCH --output={job.LogFolder}/merge-%j.out\n");
        s.Append("set -u\n");
        var parts = Enumerable.Range(0, job.Tasks).Select(task => SweepParts.PartPath(job.StorePath, task));
        var merge = job.Command.Concat(["merge", job.StorePath]).Concat(parts).Select(Quote);
        s.Append(inv, $"{string.Join(' ', merge)} && rm -f {Quote(SweepParts.ManifestPath(job.StorePath))}\n");
        return s.ToString();
    }

    /// <summary>Checks the settings a user types, so a bad one is refused here with one line, not by sbatch
    /// later (or, worse, written into the script).</summary>
    /// <exception cref="ArgumentException">A setting is malformed; the message names it.</exception>
    public static void Check(SlurmJob job)
    {
        if (job.Slots < 1) throw new ArgumentException($"--slots must be a positive integer (got {job.Slots})");
        if (job.Tasks < job.Slots) throw new ArgumentException($"an array of {job.Tasks} task(s) cannot fill {job.Slots} slots");
        if (job.Partition is { } p && !PartitionPattern().IsMatch(p))
            throw new ArgumentException($"--partition must be a Slurm partition name such as gpu or short (got '{p}')");
        if (job.Gres is { } g && !GresPattern().IsMatch(g))
            throw new ArgumentException($"--gres must look like gpu:1 or gpu:a100:2 (got '{g}')");
        if (job.Time is { } t && !TimePattern().IsMatch(t))
            throw new ArgumentException($"--time must be HH:MM:SS or D-HH:MM:SS, such as 04:00:00 (got '{t}')");
        if (job.PartsDir is { } partsDir && !Path.IsPathFullyQualified(partsDir))
            throw new ArgumentException($"--parts-dir must be an absolute path on every node, such as /local/scratch (got '{partsDir}')");
        foreach (var path in job.Command.Append(job.StorePath).Concat(job.PartsDir is { } d ? [d] : []))
            if (path.Contains('\n') || path.Contains('\r'))
                throw new ArgumentException($"a path with a line break cannot go into an sbatch script ({path.ReplaceLineEndings(" ")})");
        // sbatch splits #SBATCH lines at blanks and reads quotes its own way: a folder named there must be one plain word.
        foreach (var folder in new[] { job.WorkingDirectory, job.LogFolder })
            if (folder.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '\\'))
                throw new ArgumentException($"Slurm cannot take a folder with blanks or quotes in an #SBATCH line ({folder}); move the store or run from another folder");
    }

    // Single quotes keep every character but the single quote itself, which is closed, escaped and reopened.
    private static string Quote(string word) =>
        SafeWordPattern().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''") + "'";

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$")]
    private static partial Regex PartitionPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9_]*(:[A-Za-z0-9_.-]+)*(,[a-z][a-z0-9_]*(:[A-Za-z0-9_.-]+)*)*$")]
    private static partial Regex GresPattern();

    [GeneratedRegex(@"^([0-9]+-)?[0-9]{1,2}:[0-5][0-9]:[0-5][0-9]$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_./:=@%+-]+$")]
    private static partial Regex SafeWordPattern();
}
