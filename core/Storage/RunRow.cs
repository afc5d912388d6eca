using VaeSweep.Core.Runs;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Storage;

/// <summary>A run as seen from one sweep, with what status and reports need beside it.</summary>
/// <param name="Position">Order of the run within its sweep (insertion order); claims follow it.</param>
/// <param name="Reason">Why the run failed or diverged; null otherwise.</param>
/// <param name="LatestEpoch">Highest recorded epoch, or null before the first one.</param>
/// <param name="LogLikelihood">The evaluation's log-likelihood estimate, or null before completion.</param>
/// <param name="PackWidth">How many runs trained in one packed step with it at its latest training claim (1: alone),
/// or null before its first claim.</param>
public sealed record RunRow(
    RunKey RunKey,
    long SweepId,
    long Position,
    string ConfigJson,
    string AxesJson,
    RunState State,
    int Attempts,
    string? LeaseOwner,
    DateTimeOffset? LeaseExpiresUtc,
    DateTimeOffset? HeartbeatUtc,
    string? Reason,
    DateTimeOffset CreatedUtc,
    DateTimeOffset? StartedUtc,
    DateTimeOffset? FinishedUtc,
    double? TrainSeconds,
    int? LatestEpoch,
    double? LogLikelihood,
    int? PackWidth = null)
{
    private readonly StoredConfig config = new(ConfigJson);

    /// <summary>The run's resolved config, parsed once from <see cref="ConfigJson"/> when the row was built (a config
    /// an older build wrote that this one cannot read throws FormatException or JsonException here, where the caller
    /// can say so).</summary>
    public RunConfig Config => config.Value;
}
