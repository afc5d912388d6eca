namespace VaeSweep.Core.Scheduling.Slurm;

/// <summary>Slurm cannot take the job: sbatch is not installed here, or it refused the submission. The message is
/// one line naming what failed and what to do.</summary>
public sealed class SlurmUnavailableException(string message) : Exception(message);
