namespace VaeSweep.Core.Scheduling.Slurm;

/// <summary>
/// A worker started by a Slurm array task is named slurm-JOB_TASK, so its lease owner (host:pid:name) tells which
/// Slurm task holds a run, and `status` can show the id that squeue, scancel and sacct take.
/// </summary>
public static class SlurmOwner
{
    public const string Prefix = "slurm-";

    /// <summary>The worker name in the sbatch script, filled in by the batch shell.</summary>
    public const string ScriptName = Prefix + "${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}";

    /// <summary>The Slurm job id (JOB_TASK) of a lease owner, or null when a local worker holds the lease.</summary>
    public static string? JobOf(string owner)
    {
        var name = owner[(owner.LastIndexOf(':') + 1)..];
        return name.StartsWith(Prefix, StringComparison.Ordinal) && name.Length > Prefix.Length ? name[Prefix.Length..] : null;
    }
}
