using VaeSweep.Core.Config.Values;

namespace VaeSweep.Core.Config;

/// <summary>One settable leaf of <see cref="RunConfig"/>: its YAML path, its type, and how to get and set it.</summary>
/// <param name="Execution">
/// True for a setting that changes how a run is carried out but not what it estimates (how often it checkpoints,
/// how many log-weights the evaluation holds at once). Such settings are left out of the run key, may be edited
/// under a started sweep, and cannot be sweep axes: runs that differ only in them are the same run.
/// </param>
/// <param name="OnlyFor">
/// For a setting that means something only for some runs (the categorical latent's): the condition. Where it does
/// not hold the key is left out of the canonical form, so adding such a key kept every other run's key.
/// </param>
/// <param name="OmittedWhenEmpty">
/// For a list key added after runs were stored (the convolutional layers): while empty, its default, it is left out
/// of the canonical form, so every run without it kept its canonical text and key.
/// </param>
internal sealed record ConfigKey(string Path, ValueSpec Spec, Func<RunConfig, object?> Get, Func<RunConfig, object, RunConfig> Set,
    bool Execution = false, KeyCondition? OnlyFor = null, bool OmittedWhenEmpty = false)
{
    /// <summary>Whether this key is part of <paramref name="config"/>'s canonical form.</summary>
    public bool AppliesTo(RunConfig config) =>
        (OnlyFor?.Holds(config) ?? true) && !(OmittedWhenEmpty && Get(config) is System.Collections.ICollection { Count: 0 });

    /// <summary>The section (<c>model</c>) or "" for a top-level key such as <c>seed</c>.</summary>
    public string Section => Path.Contains('.') ? Path[..Path.IndexOf('.')] : "";

    /// <summary>The key within its section (<c>latent</c>).</summary>
    public string Name => Path[(Path.IndexOf('.') + 1)..];
}

/// <summary>When a key applies: <paramref name="Description"/> says it in YAML terms (<c>model.posterior: categorical</c>).</summary>
internal sealed record KeyCondition(string Description, Func<RunConfig, bool> Holds);
