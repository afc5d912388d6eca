using VaeSweep.Core.Config;

namespace VaeSweep.Core.Planning;

/// <summary>One planned run: its resolved config, the axis values that made it, and its key.</summary>
public sealed class RunSpec
{
    internal RunSpec(RunConfig config, IReadOnlyList<KeyValuePair<string, string>> axes, string canonicalJson)
    {
        Config = config;
        Axes = axes;
        CanonicalJson = canonicalJson;
        Key = RunKey.Of(config);
    }

    public RunConfig Config { get; }

    /// <summary>Axis path to value display, zip axes first then grid axes, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Axes { get; }

    /// <summary>The full canonical config; the store saves it so a run can be resumed exactly.</summary>
    public string CanonicalJson { get; }

    public RunKey Key { get; }

    public override string ToString() =>
        $"{Key} {{{string.Join(", ", Axes.Select(a => $"{a.Key}: {a.Value}"))}}}";
}
