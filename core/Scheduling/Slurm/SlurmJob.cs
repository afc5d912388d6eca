namespace VaeSweep.Core.Scheduling.Slurm;

/// <summary>
/// One sweep as a Slurm job array: what <see cref="SbatchScript"/> writes. Every task is a worker slot that claims
/// runs from the shared store until none is left.
/// </summary>
/// <param name="Command">How a task starts vaesweep: the executable and any leading arguments (the dotnet host and
/// the assembly), as absolute paths.</param>
/// <param name="Tasks">Array tasks in all; more than <paramref name="Slots"/> lets a later task take the place of one
/// that ended early (its time limit, a node failure) and pick up the runs it gave back.</param>
/// <param name="Slots">Tasks that may run at once (the array's % throttle).</param>
/// <param name="Pack">The most runs a task trains together in one packed step.</param>
/// <param name="Partition">Slurm partition, or null for the cluster's default.</param>
/// <param name="Gres">Generic resources per task, such as gpu:1; null for none.</param>
/// <param name="Time">Time limit per task ([D-]HH:MM:SS), or null for the partition's default.</param>
public sealed record SlurmJob(
    IReadOnlyList<string> Command,
    string SweepName,
    string StorePath,
    string Device,
    int Threads,
    int Pack,
    TimeSpan Lease,
    int Tasks,
    int Slots,
    string? Partition,
    string? Gres,
    string? Time,
    string WorkingDirectory)
{
    /// <summary>Seconds before its time limit that a task gets SIGTERM: enough to finish a step, write a
    /// checkpoint and give its run back.</summary>
    public const int GraceSeconds = 120;

    /// <summary>Whether the sweep goes out in parts (`run --parts`): task N works on part N
    /// (<see cref="SweepParts.PartPath"/>) in a copy on its node's local disk, not on the store itself.</summary>
    public bool Parts { get; init; }

    /// <summary>With <see cref="Parts"/>: the node-local folder for a task's copy of its part, or null for the node's
    /// temporary folder ($TMPDIR, else /tmp).</summary>
    public string? PartsDir { get; init; }

    /// <summary>Where the array's logs go: runs/SWEEP/slurm/, beside the run folders.</summary>
    public string LogFolder => Path.Combine(Path.GetDirectoryName(Runs.RunFolders.Logs(StorePath))!, "slurm");
}
