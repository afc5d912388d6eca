using System.Runtime.InteropServices;

namespace VaeSweep.Core.Platform;

/// <summary>
/// Ctrl-C and SIGTERM ask for a stop at the next safe point instead of killing the process: the default handling
/// (and System.CommandLine's, which kills after 2 s) would cut a checkpoint write short. The stop is one
/// <see cref="CancellationToken"/> that every stage polls; kill -9 remains the way to stop at once, and resume
/// copes with it.
/// </summary>
public static partial class Signals
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    /// <summary>Until disposed, the first SIGINT or SIGTERM cancels the returned token instead of ending the process.</summary>
    public static SignalStop Listen() => new();

    /// <summary>Sends a signal to another process (Process.Kill only sends SIGKILL).</summary>
    public static void Send(int pid, int signal) => _ = kill(pid, signal);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
