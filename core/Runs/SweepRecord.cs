namespace VaeSweep.Core.Runs;

/// <summary>One sweep of a store with every run recorded for it, in plan order.</summary>
/// <param name="Store">Where the store is: a file path, or a postgresql:// URL without its password.</param>
/// <param name="ArtifactFolder">The folder a relative artifact path was written from (a file store's own folder).</param>
/// <param name="Rungs">The sweep's successive-halving records (<see cref="Halving"/>); empty when it does not halve.</param>
public sealed record SweepRecord(string Store, string Name, string ArtifactFolder, IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<RungRecord>? Rungs = null);
