using VaeSweep.Core.Config.Values;

namespace VaeSweep.Core.Config;

/// <summary>One settable leaf of <see cref="RunConfig"/>: its YAML path, its type, and how to get and set it.</summary>
internal sealed record ConfigKey(string Path, ValueSpec Spec, Func<RunConfig, object?> Get, Func<RunConfig, object, RunConfig> Set)
{
    /// <summary>The section (<c>model</c>) or "" for a top-level key such as <c>seed</c>.</summary>
    public string Section => Path.Contains('.') ? Path[..Path.IndexOf('.')] : "";

    /// <summary>The key within its section (<c>latent</c>).</summary>
    public string Name => Path[(Path.IndexOf('.') + 1)..];
}
