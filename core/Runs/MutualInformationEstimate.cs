namespace VaeSweep.Core.Runs;

/// <summary>I(x;z) in nats over <paramref name="Points"/> test points, with its standard error; at most log(Points)
/// by construction (Evaluation.MutualInformation).</summary>
public sealed record MutualInformationEstimate(double Value, double Se, int Points);
