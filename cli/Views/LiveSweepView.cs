using Spectre.Console;
using VaeSweep.Core.Scheduling;

namespace VaeSweep.Cli.Views;

/// <summary>
/// Progress on a terminal: a block redrawn in place at each poll (<see cref="SweepTable"/>, as wide as the terminal
/// is now), with the lines that stay (a run completed, failed or given back; the sweep's end) printed above it.
/// Claims, epochs and evaluations show only in the block: the history keeps what a reader scrolls back for.
/// </summary>
public sealed class LiveSweepView(IAnsiConsole console) : ISweepObserver
{
    private readonly Lock gate = new();
    private LiveDisplayContext? live;

    /// <summary>Runs <paramref name="run"/> with the block on screen; the block goes when it returns.</summary>
    public int Show(Func<int> run) =>
        console.Live(new Text("")).AutoClear(true).Overflow(VerticalOverflow.Ellipsis)
            .Start(context =>
            {
                lock (gate) live = context;
                try
                {
                    return run();
                }
                finally
                {
                    lock (gate) live = null;
                }
            });

    public void Handle(SweepEvent sweepEvent)
    {
        if (sweepEvent is RunClaimed or EpochDone or EvaluationStarted) return;
        lock (gate)
            foreach (var line in EventText.Lines(sweepEvent))
                console.WriteLine(line);
    }

    public void Refresh(SweepSnapshot snapshot)
    {
        lock (gate)
        {
            if (live is null) return;
            live.UpdateTarget(SweepTable.Build(snapshot, console.Profile.Width));
            live.Refresh();
        }
    }
}
