using VaeSweep.Core.Config;

namespace VaeSweep.Core.Storage;

/// <summary>A sweep as recorded: the YAML as the user wrote it and its canonical JSON form.</summary>
/// <param name="Created">True when <c>EnsureSweep</c> created the row just now; false when it already existed,
/// in which case the caller compares <paramref name="ConfigJson"/> with its own to detect an edited config.</param>
public sealed record SweepInfo(
    long Id,
    string Name,
    string ConfigText,
    string ConfigJson,
    DateTimeOffset CreatedUtc,
    DateTimeOffset UpdatedUtc,
    bool Created)
{
    private readonly StoredConfig config = new(ConfigJson);

    /// <summary>The sweep's recorded base config, parsed once from <see cref="ConfigJson"/> when the row was built.</summary>
    public RunConfig Base => config.Value;
}
