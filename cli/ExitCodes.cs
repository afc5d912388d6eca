namespace VaeSweep.Cli;

/// <summary>The process exit codes, documented in the README.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The command ran, but some runs failed or diverged.</summary>
    public const int RunsFailed = 1;
    /// <summary>`selftest`: at least one numerical check failed.</summary>
    public const int ChecksFailed = 1;
    /// <summary>Bad command line (System.CommandLine's own code).</summary>
    public const int Usage = 2;
    public const int ConfigError = 3;
    /// <summary>libtorch, the native shim or a requested device is unavailable.</summary>
    public const int TorchUnavailable = 4;
    public const int DataError = 5;
    public const int StoreError = 6;
    /// <summary>libtorch could not allocate a tensor (bench, selftest; a sweep records it as the run's failure).</summary>
    public const int OutOfMemory = 7;
    /// <summary>Stopped by Ctrl-C (128 + SIGINT).</summary>
    public const int Interrupted = 130;
    /// <summary>Stopped by SIGTERM (128 + SIGTERM).</summary>
    public const int Terminated = 143;
}
