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
    bool Created);
