using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Storage;

/// <summary>A claimable run as a claim reads it inside its transaction, before it is taken.</summary>
/// <param name="Previous">The owner of an expired lease it is taken over from, or null.</param>
internal sealed record ClaimCandidate(RunKey RunKey, string ConfigJson, RunState State, string? Previous)
{
    private readonly StoredConfig config = new(ConfigJson);

    /// <summary>The run's config, parsed once as the claim reads it (canShare compares every candidate's).</summary>
    public RunConfig Config => config.Value;

    /// <summary>An evaluating run stays evaluating (only its evaluation re-runs); anything else trains.</summary>
    public RunState ClaimedState => State == RunState.Evaluating ? RunState.Evaluating : RunState.Running;

    public string TakeoverMessage(string owner, string previous) =>
        $"{owner} took over run {RunKey} ({State.ToSql()}) from {previous}, whose lease had expired";

    /// <summary>The runs one claim takes, from the claimable ones in plan order: the first, and the next ones in the
    /// same state (to train, or left to evaluate only) that <paramref name="canShare"/> its pack, up to
    /// <paramref name="width"/>: a pack trains together, and runs left to evaluate are evaluated together.</summary>
    public static IReadOnlyList<ClaimCandidate> FormPack(IReadOnlyList<ClaimCandidate> candidates, int width,
        Func<RunConfig, RunConfig, bool> canShare)
    {
        if (candidates.Count == 0) return [];
        return PackFormation.Next(candidates, width,
            (first, c) => c.ClaimedState == first.ClaimedState && canShare(first.Config, c.Config));
    }
}
