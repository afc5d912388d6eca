using VaeSweep.Core.Config;

namespace VaeSweep.Core.Storage;

/// <summary>One run of a plan, as handed to <c>AddRuns</c>.</summary>
/// <param name="RunKey">Hash of the canonical resolved config; identifies the run across sweeps.</param>
/// <param name="ConfigJson">Canonical resolved config of the run.</param>
/// <param name="AxesJson">Ordered map of axis path to display value, as this sweep names the run.</param>
public sealed record PlannedRun(RunKey RunKey, string ConfigJson, string AxesJson)
{
    /// <summary>Whether the config text recorded under this key is this run: the same text, or configs that
    /// <paramref name="sameRun"/> accepts (both parsed here, only when the texts differ).</summary>
    internal bool IsRecordedAs(string recorded, Func<RunConfig, RunConfig, bool>? sameRun) =>
        recorded == ConfigJson ||
        (sameRun is not null && sameRun(CanonicalConfig.FromJson(recorded), CanonicalConfig.FromJson(ConfigJson)));
}
