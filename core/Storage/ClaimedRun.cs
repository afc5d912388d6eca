using VaeSweep.Core.Runs;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Storage;

/// <summary>A run handed to one owner by <c>TryClaimRun</c>.</summary>
/// <param name="State">Running (train, resuming from the latest checkpoint) or Evaluating (training is done;
/// only the evaluation remains).</param>
/// <param name="Attempts">How many times the run has been claimed, this claim included.</param>
/// <param name="TakenOverFrom">The previous owner whose lease had expired, or null for a fresh claim.</param>
public sealed record ClaimedRun(
    RunKey RunKey,
    string ConfigJson,
    RunState State,
    int Attempts,
    DateTimeOffset LeaseExpiresUtc,
    string? TakenOverFrom)
{
    private readonly StoredConfig config = new(ConfigJson);

    /// <summary>The run's resolved config, parsed once from <see cref="ConfigJson"/> when the claim was built.</summary>
    public RunConfig Config => config.Value;
}
