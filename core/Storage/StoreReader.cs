using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Storage;

/// <summary>Reads every sweep of a store back whole, as the records reports are built from.</summary>
public static class StoreReader
{
    /// <summary>The sweeps of the store at <paramref name="location"/> (a file or a postgresql:// URL).</summary>
    /// <exception cref="StoreException">The store is missing, not a VaeSweep store, or cannot be reached.</exception>
    public static IReadOnlyList<SweepRecord> Read(string location)
    {
        var server = StoreLocation.IsServer(location);
        using var store = StoreLocation.OpenForReading(location);
        // A server store records absolute artifact paths; a file store's may be relative to its folder.
        return Read(store, server ? Environment.CurrentDirectory : Path.GetDirectoryName(store.Path)!);
    }

    /// <summary>The store's sweeps with their runs in plan order; empty when no sweep was recorded.</summary>
    /// <param name="artifactFolder">The folder a relative artifact path is relative to.</param>
    public static IReadOnlyList<SweepRecord> Read(IStore store, string artifactFolder) =>
        store.Sweeps()
            .Select(sweep => new SweepRecord(store.Path, sweep.Name, artifactFolder,
                store.Runs(sweep.Id).Select(run => Record(store, run)).ToList(), store.Rungs(sweep.Id)))
            .ToList();

    private static RunRecord Record(IStore store, RunRow run) => new(
        run.RunKey.Value, run.State, run.Reason, run.TrainSeconds, run.ConfigJson, run.AxesJson,
        store.Evaluation(run.RunKey), store.Epochs(run.RunKey), store.Bounds(run.RunKey), store.Points(run.RunKey),
        store.Artifacts(run.RunKey), run.Position);
}
