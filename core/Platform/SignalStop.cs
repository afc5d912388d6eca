using System.Runtime.InteropServices;

namespace VaeSweep.Core.Platform;

/// <summary>
/// The stop a signal asks for: <see cref="Token"/> is cancelled by the first SIGINT or SIGTERM, and
/// <see cref="ExitCode"/> is what a shell reports for that signal (128 + n: 130, 143). A second signal while
/// stopping is ignored.
/// </summary>
public sealed class SignalStop : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration[] registrations;
    private int signal;

    internal SignalStop() =>
        registrations = [Handle(PosixSignal.SIGINT, Signals.SigInt), Handle(PosixSignal.SIGTERM, Signals.SigTerm)];

    public CancellationToken Token => source.Token;

    /// <summary>128 + the number of the signal that asked to stop; meaningful once <see cref="Token"/> is cancelled.</summary>
    public int ExitCode => 128 + Volatile.Read(ref signal);

    private PosixSignalRegistration Handle(PosixSignal posix, int number) => PosixSignalRegistration.Create(posix, context =>
    {
        context.Cancel = true;
        if (Interlocked.CompareExchange(ref signal, number, 0) == 0) source.Cancel();
    });

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        source.Dispose();
    }
}
