using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Storage;

/// <summary>A claimable run as a claim reads it inside its transaction, before it is taken.</summary>
/// <param name="Previous">The owner of an expired lease it is taken over from, or null.</param>
internal sealed record ClaimCandidate(string Key, string Config, RunState State, string? Previous)
{
    /// <summary>An evaluating run stays evaluating (only its evaluation re-runs); anything else trains.</summary>
    public RunState ClaimedState => State == RunState.Evaluating ? RunState.Evaluating : RunState.Running;

    public string TakeoverMessage(string owner, string previous) =>
        $"{owner} took over run {Key} ({State.ToSql()}) from {previous}, whose lease had expired";

    /// <summary>The runs one claim takes, from the claimable ones in plan order: the first, and the next ones in the
    /// same state (to train, or left to evaluate only) that <paramref name="canShare"/> its pack, up to
    /// <paramref name="width"/>: a pack trains together, and runs left to evaluate are evaluated together.</summary>
    public static IReadOnlyList<ClaimCandidate> FormPack(IReadOnlyList<ClaimCandidate> candidates, int width,
        Func<string, string, bool> canShare)
    {
        if (candidates.Count == 0) return [];
        return PackFormation.Next(candidates, width,
            (first, c) => c.ClaimedState == first.ClaimedState && canShare(first.Config, c.Config));
    }
}
