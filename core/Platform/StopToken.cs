namespace VaeSweep.Core.Platform;

/// <summary>Set by a signal handler (or a test); the training loop polls it between steps and stops at a safe point.</summary>
public sealed class StopToken
{
    private volatile int signal;

    public bool IsStopRequested => signal != 0;

    /// <summary>The signal number that asked to stop (2 for SIGINT, 15 for SIGTERM), or 0.</summary>
    public int Signal => signal;

    public void Request(int signalNumber) => signal = signalNumber == 0 ? 15 : signalNumber;
}
