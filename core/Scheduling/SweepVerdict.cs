using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;
using VaeSweep.Core.Platform;
using VaeSweep.Core.Storage;

namespace VaeSweep.Core.Scheduling;

/// <summary>
/// What running a sweep file against its store would do, decided without writing anything: `plan` shows it and
/// `run` (through <see cref="SweepSync.Apply"/>) carries it out, so both give the same verdict.
/// </summary>
/// <param name="Existing">The sweep as recorded, or null for a sweep new to the store.</param>
/// <param name="Kind">How the file relates to the recorded sweep.</param>
/// <param name="ExecutionChanges">Execution settings that differ from the recorded sweep's, as "path: old -> new".</param>
/// <param name="Changes">Every change from the recorded sweep, as "path: old -> new".</param>
/// <param name="Replanned">Runs of the recorded sweep that the file no longer plans and that never completed an
/// epoch: a changed sweep is allowed when every run it leaves behind is one of these, and they are dropped.</param>
public sealed record SweepVerdict(SweepInfo? Existing, Plan Plan, SweepChangeKind Kind, IReadOnlyList<string> ExecutionChanges,
    IReadOnlyList<string> Changes, IReadOnlyList<RunKey> Replanned)
{
    /// <summary>Judges the file against the store; throws <see cref="SweepChangedException"/> when the change is
    /// refused, <see cref="StoreException"/> for a store whose run keys were made the old way.</summary>
    public static SweepVerdict Judge(IStore store, SweepConfig sweep, DateTimeOffset now)
    {
        var plan = Planner.Expand(sweep);
        var existing = store.Sweeps().FirstOrDefault(s => s.Name == sweep.Name);
        if (existing is null) return new(null, plan, SweepChangeKind.Unchanged, [], [], []);
        SweepSync.RefuseOldRunKeys(store, existing);
        // The recorded base, not the recorded file re-resolved: a default changed in code since the sweep
        // began must show up as a change, or the same file would plan new runs beside the old ones.
        var stored = ConfigLoader.LoadString(existing.ConfigText, $"{store.Path} (sweep '{sweep.Name}' as first run)")
            .WithBase(existing.Base);
        var comparison = SweepComparison.Compare(stored, sweep);
        var changes = comparison.Changes.Select(c => c.ToString()).ToList();
        var execution = comparison.ExecutionChanges.Select(c => c.ToString()).ToList();
        if (comparison.Kind != SweepChangeKind.Changed)
            return new(existing, plan, comparison.Kind, execution, changes, []) { HalvingChanged = HalvingOf(existing, sweep, store.Path) };

        // A run left behind by the change keeps answering the old question; that is only harmless for a run that
        // has nothing to lose (no epoch recorded, so no checkpoint either) and that no live process is training.
        var planned = plan.Runs.Select(r => r.Key).ToHashSet();
        var left = store.Runs(existing.Id).Where(r => !planned.Contains(r.RunKey)).ToList();
        if (left.Count > 0 && left.All(r => r.State != Runs.RunState.Completed && r.LatestEpoch is null && !IsHeldLive(r, now)))
            return new(existing, plan, SweepChangeKind.Changed, execution, changes, left.Select(r => r.RunKey).ToList())
            {
                HalvingChanged = HalvingOf(existing, sweep, store.Path),
            };
        throw new SweepChangedException(sweep.Name, store.Path, changes, fileUnchanged: existing.ConfigText == sweep.SourceText);
    }

    /// <summary>Whether the file's <c>schedule.halving</c> differs from the recorded sweep's (a new sweep: false).</summary>
    public bool HalvingChanged { get; init; }

    private static bool HalvingOf(SweepInfo existing, SweepConfig sweep, string storePath) =>
        !HalvingRule.Same(ConfigLoader.LoadString(existing.ConfigText, $"{storePath} (sweep '{sweep.Name}' as recorded)").Halving,
            sweep.Halving);

    private static bool IsHeldLive(RunRow run, DateTimeOffset now) =>
        run.LeaseOwner is { } owner && run.LeaseExpiresUtc > now && !OwnerId.IsDeadOnThisMachine(owner);

    /// <summary>The lines that say what the verdict changes in the store, for `plan` and `run` alike.</summary>
    public IEnumerable<string> Describe(int newRuns)
    {
        if (Replanned.Count > 0)
            yield return $"settings changed ({string.Join("; ", Changes)}) under {Replanned.Count} run(s) that never completed " +
                         $"an epoch: they are replanned ({string.Join(", ", Replanned)} dropped, {newRuns} run(s) planned in their place)";
        else if (Kind == SweepChangeKind.Extended)
            yield return $"the sweep gained axis values: {newRuns} new run(s), nothing retrained";
        if (HalvingChanged)
            yield return Plan.Sweep.Halving is { } rule ? $"schedule changed: {rule}" : "schedule changed: no halving; runs it stopped resume";
        if (ExecutionChanges.Count > 0)
            yield return $"execution settings changed ({string.Join("; ", ExecutionChanges)}): runs not yet completed use the new ones";
    }
}
