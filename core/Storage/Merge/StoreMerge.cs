using VaeSweep.Core.Config;

namespace VaeSweep.Core.Storage;

/// <summary>
/// Merges stores written separately (one SQLite file per Slurm array task, on each node's local disk) into one.
/// <para>Every part is read and checked against the output and the other parts before anything is written, so
/// a conflict leaves the output untouched: a sweep recorded with two configs, two runs at one position of a
/// sweep, or one run recorded with different results in two stores. A run that a store only plans (pending, no
/// epoch, no checkpoint) never conflicts: the copy that did the work wins. Nor does a run one copy continued from
/// where the other stopped (a part extracted from the output and resumed there, see <see cref="Extract"/>): the copy
/// that went further wins (<see cref="RunContent.Continues"/>).</para>
/// <para>Idempotent: merging a part again, or a part whose runs equal the output's, brings nothing. Each part is
/// then written in one transaction that replays the run state machine (the schema's triggers check every step),
/// and the run folders beside the part (checkpoints, pictures) are copied beside the output, with the recorded
/// paths rewritten to point there.</para>
/// </summary>
public static class StoreMerge
{
    /// <exception cref="MergeConflictException">The stores disagree; the message names the run or sweep, both
    /// stores and what to do.</exception>
    /// <exception cref="StoreException">A part is missing or not a VaeSweep store, or the output cannot be written.</exception>
    public static IReadOnlyList<MergedPart> Merge(string outPath, IReadOnlyList<string> partPaths, TimeProvider? time = null)
    {
        var output = Path.GetFullPath(outPath);
        var parts = partPaths.Select(p => Path.GetFullPath(p)).ToList();
        foreach (var part in parts)
        {
            if (!File.Exists(part)) throw new StoreException($"merge: part {part} does not exist; name an existing store");
            if (part == output) throw new StoreException($"merge: {part} is both the output and a part; name a new output file");
        }
        if (parts.Distinct().Count() != parts.Count) throw new StoreException("merge: a part is named twice");

        var opened = new List<Store>();
        try
        {
            foreach (var part in parts) opened.Add(Store.Open(part, time));
            var decided = Decide(output, opened);
            using var target = Store.Open(output, time);
            return opened.Select(part =>
            {
                var keys = decided.Where(d => d.Value.Source == part.Path && d.Value.Touched).Select(d => d.Key).ToList();
                target.CopyRuns(part, keys, RunCopy.Merge);
                return new MergedPart(part.Path, PlannedKeys(part).Count(), keys.Count);
            }).ToList();
        }
        finally
        {
            foreach (var store in opened) store.Dispose();
        }
    }

    /// <summary>
    /// Writes a part for one Slurm array task: a new store at <paramref name="partPath"/> holding the sweep
    /// <paramref name="sweepName"/> of <paramref name="mainPath"/> with only the runs <paramref name="runKeys"/>,
    /// each with all it has recorded so far (epochs, checkpoints: a run resumes in the part from its checkpoint).
    /// Checkpoint paths still name the main store's run folders, where the part's worker writes too. The part is
    /// built in the temporary folder and copied into place whole (temporary file, fsync, rename), so the folder of
    /// parts never holds half a store.
    /// </summary>
    /// <exception cref="StoreException">The main store cannot be read or the part cannot be written.</exception>
    public static void Extract(string mainPath, string sweepName, IReadOnlyCollection<RunKey> runKeys, string partPath)
    {
        var scratch = Path.Combine(Path.GetTempPath(), $"vaesweep-extract-{Guid.NewGuid():N}");
        try
        {
            using var main = Store.Open(mainPath);
            using (var part = Store.Open(Path.Combine(scratch, Path.GetFileName(partPath))))
            {
                part.CopyRuns(main, runKeys, RunCopy.Extract, sweepName);
                part.SaveCopy(partPath);
            }
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
    }

    // Which store's copy of each run the output ends with; throws on the first disagreement.
    private static Dictionary<RunKey, RunContent> Decide(string output, IReadOnlyList<Store> parts)
    {
        var sweeps = new Dictionary<string, (string ConfigJson, string Source)>(StringComparer.Ordinal);
        var positions = new Dictionary<(string Sweep, long Position), (RunKey Key, string Source)>();
        var chosen = new Dictionary<RunKey, RunContent>();
        // The output comes first, so that what it already holds is kept and a part equal to it brings nothing.
        using var existing = File.Exists(output) ? Store.Open(output) : null;
        foreach (var store in new[] { existing }.Concat(parts).OfType<Store>())
        {
            foreach (var sweep in store.Sweeps())
            {
                if (sweeps.TryGetValue(sweep.Name, out var seen) && seen.ConfigJson != sweep.ConfigJson)
                    throw new MergeConflictException(
                        $"merge: sweep '{sweep.Name}' has different configs in {seen.Source} and {store.Path}; " +
                        "merge only parts of one sweep file");
                sweeps[sweep.Name] = (sweep.ConfigJson, store.Path);
                foreach (var run in store.Runs(sweep.Id))
                {
                    if (positions.TryGetValue((sweep.Name, run.Position), out var at) && at.Key != run.RunKey)
                        throw new MergeConflictException(
                            $"merge: sweep '{sweep.Name}' plans run {at.Key} at position {run.Position} in {at.Source} " +
                            $"but run {run.RunKey} in {store.Path}; merge only parts of one sweep file");
                    positions[(sweep.Name, run.Position)] = (run.RunKey, store.Path);
                    Choose(chosen, RunContent.Read(store, run));
                }
            }
        }
        return chosen;
    }

    private static void Choose(Dictionary<RunKey, RunContent> chosen, RunContent copy)
    {
        if (!chosen.TryGetValue(copy.RunKey, out var kept))
        {
            chosen[copy.RunKey] = copy;
            return;
        }
        if (kept.ConfigJson != copy.ConfigJson)
            throw new MergeConflictException(
                $"merge: run {copy.RunKey} has different configs in {kept.Source} and {copy.Source}; " +
                "merge only parts of one sweep file");
        if (!copy.Touched || kept.Results == copy.Results || kept.Continues(copy)) return;
        if (!kept.Touched || copy.Continues(kept))
        {
            chosen[copy.RunKey] = copy;
            return;
        }
        throw new MergeConflictException(
            $"merge: run {copy.RunKey} is recorded differently: {kept.Describe()}, {copy.Describe()}; a run must " +
            "be trained in one part only: leave one of the two out of the merge (or finish it there) and merge again");
    }

    private static IEnumerable<RunKey> PlannedKeys(Store store) =>
        store.Sweeps().SelectMany(s => store.Runs(s.Id)).Select(r => r.RunKey).Distinct();
}
