namespace VaeSweep.Core.Storage;

/// <summary>One run of a plan, as handed to <c>AddRuns</c>.</summary>
/// <param name="RunKey">Hash of the canonical resolved config; identifies the run across sweeps.</param>
/// <param name="ConfigJson">Canonical resolved config of the run.</param>
/// <param name="AxesJson">Ordered map of axis path to display value, as this sweep names the run.</param>
public sealed record PlannedRun(string RunKey, string ConfigJson, string AxesJson);
