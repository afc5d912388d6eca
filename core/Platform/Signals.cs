using System.Runtime.InteropServices;

namespace VaeSweep.Core.Platform;

/// <summary>
/// Ctrl-C and SIGTERM ask for a stop at the next safe point instead of killing the process: the default handling
/// (and System.CommandLine's, which kills after 2 s) would cut a checkpoint write short. A second signal while
/// stopping is ignored; kill -9 remains the way to stop at once, and resume copes with it.
/// </summary>
public static partial class Signals
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    public static IDisposable Register(StopToken stop)
    {
        var registrations = new List<PosixSignalRegistration>
        {
            PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Request(SigInt); }),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Request(SigTerm); }),
        };
        return new Registrations(registrations);
    }

    /// <summary>The exit code for a stop caused by the signal (128 + n, as shells report it).</summary>
    public static int ExitCode(int signal) => 128 + signal;

    /// <summary>Sends a signal to another process (Process.Kill only sends SIGKILL).</summary>
    public static void Send(int pid, int signal) => _ = kill(pid, signal);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);

    private sealed class Registrations(List<PosixSignalRegistration> items) : IDisposable
    {
        public void Dispose() => items.ForEach(r => r.Dispose());
    }
}
