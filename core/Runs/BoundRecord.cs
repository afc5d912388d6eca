namespace VaeSweep.Core.Runs;

/// <summary>The IWAE bound for a smaller k, from prefixes of the evaluation's samples.</summary>
public sealed record BoundRecord(int K, double Value, double Se);
