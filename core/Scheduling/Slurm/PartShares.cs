namespace VaeSweep.Core.Scheduling.Slurm;

/// <summary>
/// Deals the runs still to train into the parts of an array, one part per task: whole packs where there are as many
/// parts as packs (a pack trains in one task as it would anywhere), and where there are more parts than packs, the
/// biggest part is halved until there are enough, so every task gets work and no part holds twice another's.
/// </summary>
public static class PartShares
{
    /// <param name="packs">The runs to train grouped in packs (<see cref="Planning.PackPlan"/>), in plan order.</param>
    /// <param name="parts">How many parts: at least the number of packs, at most the number of runs.</param>
    public static IReadOnlyList<IReadOnlyList<T>> Split<T>(IReadOnlyList<IReadOnlyList<T>> packs, int parts)
    {
        var runs = packs.Sum(p => p.Count);
        if (parts < packs.Count || parts > runs)
            throw new ArgumentOutOfRangeException(nameof(parts), $"{parts} parts for {packs.Count} pack(s) of {runs} run(s)");
        var shares = packs.Select(p => p.ToList()).ToList();
        while (shares.Count < parts)
        {
            // The first of the biggest, so the split is the same every time.
            var biggest = shares.IndexOf(shares.MaxBy(s => s.Count)!);
            var share = shares[biggest];
            var half = (share.Count + 1) / 2;
            shares[biggest] = share[..half];
            shares.Insert(biggest + 1, share[half..]);
        }
        return shares;
    }
}
