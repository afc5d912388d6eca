namespace VaeSweep.Cli;

/// <summary>
/// The process exit codes of every command, documented in the README: the same user error gets the same code
/// whichever command meets it (tests/Commands/ExitCodeTests). <see cref="UserErrors"/> maps exceptions to them;
/// <see cref="CliApp.Run"/> maps a bad command line.
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The command ran, but some runs failed or diverged.</summary>
    public const int RunsFailed = 1;
    /// <summary>`selftest`: at least one numerical check failed.</summary>
    public const int ChecksFailed = 1;
    /// <summary>`doctor`: the store breaks at least one invariant of RELIABILITY.md.</summary>
    public const int StoreUnhealthy = 1;
    /// <summary>Bad command line: an unknown option, or an option value out of range (an unknown metric or axis too).</summary>
    public const int Usage = 2;
    public const int ConfigError = 3;
    /// <summary>libtorch, the native shim or a requested device is unavailable.</summary>
    public const int TorchUnavailable = 4;
    public const int DataError = 5;
    /// <summary>The store is missing, is a folder or another kind of file, or cannot be opened or written.</summary>
    public const int StoreError = 6;
    /// <summary>libtorch could not allocate a tensor (bench, selftest; a sweep records it as the run's failure; a
    /// worker whose pack did not fit exits with it, and `run` restarts it with narrower packs).</summary>
    public const int OutOfMemory = Core.Scheduling.Worker.PackDidNotFit;
    /// <summary>Stopped by Ctrl-C (128 + SIGINT).</summary>
    public const int Interrupted = 130;
    /// <summary>Stopped by SIGTERM (128 + SIGTERM).</summary>
    public const int Terminated = 143;
}
