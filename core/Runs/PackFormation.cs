namespace VaeSweep.Core.Runs;

/// <summary>The one rule for which runs train together: the first candidate in plan order, then the next ones that
/// may share its pack, up to the width. A worker's claim (in the store) and `plan` (showing the packs) both use it.</summary>
public static class PackFormation
{
    public static IReadOnlyList<T> Next<T>(IReadOnlyList<T> candidates, int width, Func<T, T, bool> canShare)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (candidates.Count == 0) return [];
        var first = candidates[0];
        return candidates.Skip(1).Where(c => canShare(first, c)).Take(width - 1).Prepend(first).ToList();
    }
}
