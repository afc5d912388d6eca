using VaeSweep.Core.Tensors;

namespace VaeSweep.Cli;

/// <summary>
/// Turns the exceptions a user can fix into one line on stderr and a named exit code. Anything else is a bug and
/// keeps its stack trace.
/// </summary>
public static class UserErrors
{
    public static int Run(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (ExitCodeOf(e) is int code)
        {
            error.WriteLine(code == ExitCodes.OutOfMemory ? $"error: out of memory: {e.Message}" : $"error: {e.Message}");
            return code;
        }
    }

    private static int? ExitCodeOf(Exception e) => e switch
    {
        TorchUnavailableException => ExitCodes.TorchUnavailable,
        TorchException { IsOutOfMemory: true } => ExitCodes.OutOfMemory,
        // The command line asked for a launcher this machine cannot use, or Slurm refused what it asked.
        UsageException or Core.Scheduling.Slurm.SlurmUnavailableException => ExitCodes.Usage,
        Core.Config.ConfigException or Core.Scheduling.SweepChangedException => ExitCodes.ConfigError,
        Core.Data.DataException => ExitCodes.DataError,
        // A checkpoint is a stored result: a missing or damaged one (export) is a store problem the user can see.
        Core.Storage.StoreException or Core.Checkpoints.CheckpointException => ExitCodes.StoreError,
        Core.Reports.ReportException => ExitCodes.Usage,
        _ => null,
    };
}
