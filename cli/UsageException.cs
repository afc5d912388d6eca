namespace VaeSweep.Cli;

/// <summary>A bad option value: one line on stderr, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
