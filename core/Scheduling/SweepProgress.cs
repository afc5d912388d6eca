using System.Diagnostics;
using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;

namespace VaeSweep.Core.Scheduling;

/// <summary>
/// Progress of a sweep read from its store, so it is the same whichever process does the work. Each
/// <see cref="Update"/> compares the runs with what the previous one saw and tells the observer what happened in
/// between, in the order it happened for each run (claimed, epochs, evaluation, the end), then a snapshot. A run that
/// goes from pending to completed between two polls still yields every event. What the store held when this object
/// was made is the starting point: earlier history is not told again.
/// </summary>
public sealed class SweepProgress
{
    private readonly IStore store;
    private readonly long sweepId;
    private readonly ISweepObserver observer;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Dictionary<RunKey, Seen> seen = [];
    private readonly Lock gate = new();
    private readonly int epochsAtStart;

    public SweepProgress(IStore store, long sweepId, ISweepObserver observer)
    {
        this.store = store;
        this.sweepId = sweepId;
        this.observer = observer;
        var runs = store.Runs(sweepId);
        foreach (var r in runs)
            seen[r.RunKey] = new Seen(r.State, r.LeaseOwner, r.LatestEpoch,
                r.LeaseOwner is null || r.LatestEpoch is null ? null : store.Epochs(r.RunKey).LastOrDefault());
        epochsAtStart = EpochsDone(runs);
    }

    /// <summary>Tells the observer what changed since the last call, then where the sweep stands. Safe to call from
    /// any thread; calls are serialised.</summary>
    public void Update()
    {
        lock (gate) Poll();
    }

    /// <summary>A last <see cref="Update"/>, then <see cref="SweepFinished"/>.</summary>
    public void Finish(string storePath, bool stopped)
    {
        lock (gate)
        {
            Poll();
            var runs = store.Runs(sweepId);
            var failures = runs.Where(r => r.State is RunState.Failed or RunState.Diverged)
                .Select(r => new RunFailed(r.RunKey, Axes(r), r.State, r.Reason ?? "")).ToList();
            observer.Handle(new SweepFinished(storePath, store.Counts(sweepId), failures, stopped));
        }
    }

    private void Poll()
    {
        var runs = store.Runs(sweepId);
        foreach (var r in runs)
            foreach (var e in Changes(r)) observer.Handle(e);
        observer.Refresh(Snapshot(runs));
    }

    private IEnumerable<SweepEvent> Changes(RunRow r)
    {
        var key = r.RunKey;
        // A run added to the sweep by another process after this one started has no history here: it starts pending.
        var before = seen.GetValueOrDefault(key) ?? new Seen(RunState.Pending, null, null, null);
        var after = before with { State = r.State, Owner = r.LeaseOwner, LatestEpoch = r.LatestEpoch };
        var config = r.Config;
        var axes = Axes(r);
        var newOwner = r.LeaseOwner is not null && r.LeaseOwner != before.Owner;
        // Claimed and carried on between two polls without a holder left to see: moved past its state (say, to
        // completed), or given back with more epochs than it had.
        var passedThrough = before.Owner is null && !before.State.IsTerminal() &&
                            (Rank(r.State) > Rank(before.State) || (r.LatestEpoch ?? -1) > (before.LatestEpoch ?? -1));
        var claimed = newOwner || passedThrough;
        var events = new List<SweepEvent>();
        if (claimed) events.Add(new RunClaimed(key, axes, (before.LatestEpoch ?? -1) + 1, config.Training.Epochs, r.PackWidth ?? 1));
        if ((r.LatestEpoch ?? -1) > (before.LatestEpoch ?? -1))
            foreach (var epoch in store.Epochs(key).Where(e => e.Epoch > (before.LatestEpoch ?? -1)))
            {
                events.Add(new EpochDone(key, axes, epoch, config.Training.Epochs));
                after = after with { LastEpoch = epoch };
            }
        if (r.State is RunState.Evaluating or RunState.Completed && (Rank(before.State) < Rank(RunState.Evaluating) || claimed))
            events.Add(new EvaluationStarted(key, axes, config.Evaluation.K));
        if (r.State.IsTerminal() && !before.State.IsTerminal())
        {
            if (r.State == RunState.Completed && store.Evaluation(key) is { } evaluation)
                events.Add(new RunCompleted(key, axes, evaluation, r.TrainSeconds));
            else if (r.State != RunState.Completed)
                events.Add(new RunFailed(key, axes, r.State, r.Reason ?? ""));
        }
        else if (r.State == RunState.Stopped)
        {
            if (before.State != RunState.Stopped) events.Add(new RunStopped(key, axes, r.Reason ?? ""));
        }
        else if (r.LeaseOwner is null && !r.State.IsTerminal() && (before.Owner is not null || claimed))
            events.Add(new RunReleased(key, axes, ReleaseReason(key)));
        if (r.LeaseOwner is null) after = after with { LastEpoch = null };
        seen[key] = after;
        return events;
    }

    private string ReleaseReason(RunKey runKey) =>
        store.Events(runKey).LastOrDefault(e => e.Kind is "interrupted" or "parked")?.Message ?? "given back";

    private SweepSnapshot Snapshot(IReadOnlyList<RunRow> runs)
    {
        var done = runs.Count(r => r.State.IsSettled());
        var failed = runs.Count(r => r.State is RunState.Failed or RunState.Diverged);
        var totalEpochs = runs.Sum(r => r.Config.Training.Epochs);
        var epochsDone = EpochsDone(runs);
        var elapsed = clock.Elapsed;
        var progressed = epochsDone - epochsAtStart;
        TimeSpan? remaining = progressed > 0 && epochsDone < totalEpochs
            ? elapsed / progressed * (totalEpochs - epochsDone)
            : null;
        var active = runs.Where(r => r.State is RunState.Running or RunState.Evaluating && r.LeaseOwner is not null)
            .Select(Active).ToList();
        return new SweepSnapshot(runs.Count, done, failed, epochsDone, totalEpochs, elapsed, remaining, active);
    }

    private ActiveRun Active(RunRow r)
    {
        var epochs = r.Config.Training.Epochs;
        var done = (r.LatestEpoch ?? -1) + 1;
        var last = seen[r.RunKey].LastEpoch;
        TimeSpan? remaining = r.State == RunState.Running && last is not null
            ? TimeSpan.FromSeconds(last.Seconds * Math.Max(0, epochs - done))
            : null;
        return new ActiveRun(r.RunKey, Axes(r), r.State, done, epochs, last, remaining);
    }

    private int EpochsDone(IReadOnlyList<RunRow> runs) =>
        runs.Sum(r => r.State.IsSettled() ? r.Config.Training.Epochs : (r.LatestEpoch ?? -1) + 1);

    private static string Axes(RunRow r) => AxesText.Describe(r.AxesJson, ", ");

    /// <summary>How far along its life a run is; terminal states rank alike.</summary>
    private static int Rank(RunState state) => state switch
    {
        // Stopped ranks with pending: a run a rung stopped while waiting there was not claimed in between.
        RunState.Pending or RunState.Stopped => 0,
        RunState.Running => 1,
        RunState.Evaluating => 2,
        _ => 3,
    };

    /// <summary>What the previous poll saw of a run.</summary>
    /// <param name="LastEpoch">The latest epoch seen while the run is held, for its loss and pace.</param>
    private sealed record Seen(RunState State, string? Owner, int? LatestEpoch, EpochRecord? LastEpoch);
}
