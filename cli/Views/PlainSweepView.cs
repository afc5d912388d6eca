using VaeSweep.Core.Scheduling;

namespace VaeSweep.Cli.Views;

/// <summary>Progress off a terminal (a log file, a pipe): one line per event, nothing on a timer, so the log's
/// length follows what happened rather than how long it took.</summary>
public sealed class PlainSweepView(TextWriter output) : ISweepObserver
{
    public void Handle(SweepEvent sweepEvent)
    {
        foreach (var line in EventText.Lines(sweepEvent)) output.WriteLine(line);
        output.Flush();
    }

    public void Refresh(SweepSnapshot snapshot)
    {
        // Snapshots change every poll (elapsed time): printing them is what made a log grow by a line a second.
    }
}
