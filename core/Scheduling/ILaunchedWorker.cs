namespace VaeSweep.Core.Scheduling;

/// <summary>A worker slot that a launcher started, as the scheduler watches it.</summary>
public interface ILaunchedWorker
{
    bool HasExited { get; }

    /// <summary>How it ended: 0 when nothing was left to claim, 130 or 143 when a stop ended it at a safe point,
    /// anything else a crash whose runs the scheduler records as failed.</summary>
    int ExitCode { get; }

    /// <summary>Where its output went, named in the reason a crash records.</summary>
    string LogPath { get; }

    /// <summary>Ends the worker at once (a child process: SIGKILL); false where the launcher cannot (a worker in this
    /// process).</summary>
    bool Kill();

    /// <summary>True for a lease owner id ("host:pid:name", <see cref="Platform.OwnerId"/>) of this worker.</summary>
    bool Owns(string owner);
}
