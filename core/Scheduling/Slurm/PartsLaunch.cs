using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;

namespace VaeSweep.Core.Scheduling.Slurm;

/// <summary>
/// What `run --launcher slurm --parts` does to the store before it submits: brings back the parts an earlier array
/// left (when its merge job did not run), decides which runs still need training and deals them into one part
/// per array task (<see cref="PartShares"/>), and extracts each part beside the store (<see cref="StoreMerge.Extract"/>).
/// </summary>
public static class PartsLaunch
{
    /// <summary>The runs of the sweep a worker could claim now: pending, or held by a lease that has run out (its
    /// holder died), in plan order. A run another process holds stays out of the parts.</summary>
    public static IReadOnlySet<RunKey> ToTrain(IStore store, string sweepName, DateTimeOffset now)
    {
        var sweep = store.Sweeps().SingleOrDefault(s => s.Name == sweepName);
        if (sweep is null) return new HashSet<RunKey>();
        return store.Runs(sweep.Id)
            .Where(r => r.State == RunState.Pending
                        || (r.State is RunState.Running or RunState.Evaluating && (r.LeaseExpiresUtc is not { } t || t <= now)))
            .Select(r => r.RunKey).ToHashSet();
    }

    /// <summary>The shares of the array's tasks: as many as the packs the runs form, or as <paramref name="slots"/>
    /// if that is more, but never more than the runs.</summary>
    public static IReadOnlyList<IReadOnlyList<RunKey>> Shares(Plan plan, IReadOnlySet<RunKey> toTrain, int pack, int slots)
    {
        var packs = PackPlan.Form(plan, pack, spec => toTrain.Contains(spec.Key));
        var grouped = plan.Runs.Select((spec, i) => (spec.Key, Pack: packs.PackOfRun[i]))
            .Where(r => r.Pack is not null)
            .GroupBy(r => r.Pack!.Value).OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<RunKey>)g.Select(r => r.Key).ToList()).ToList();
        if (grouped.Count == 0) return [];
        return PartShares.Split(grouped, Math.Min(toTrain.Count, Math.Max(grouped.Count, slots)));
    }

    /// <summary>Merges the parts an earlier array left beside the store back into it (those that exist), then
    /// deletes them and their manifest. Idempotent: the merge job may have brought them back already.</summary>
    /// <returns>How many runs came back with something new.</returns>
    /// <exception cref="MergeConflictException">A part disagrees with the store; nothing is written or deleted.</exception>
    public static int BringBack(string storePath, SweepParts parts)
    {
        var paths = Enumerable.Range(0, parts.Parts.Count).Select(task => SweepParts.PartPath(storePath, task))
            .Where(File.Exists).ToList();
        var brought = paths.Count == 0 ? 0 : StoreMerge.Merge(storePath, paths).Sum(p => p.Brought);
        foreach (var path in paths) File.Delete(path);
        File.Delete(SweepParts.ManifestPath(storePath));
        return brought;
    }

    /// <summary>Writes part N of the array for each share N.</summary>
    public static void Extract(string storePath, string sweepName, IReadOnlyList<IReadOnlyList<RunKey>> shares)
    {
        for (var task = 0; task < shares.Count; task++)
            StoreMerge.Extract(storePath, sweepName, shares[task], SweepParts.PartPath(storePath, task));
    }
}
