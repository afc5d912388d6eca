namespace VaeSweep.Core.Planning;

/// <summary>One changed key path; <c>null</c> on a side means the key is absent there.</summary>
public sealed record ConfigChange(string Path, string? Old, string? New)
{
    public override string ToString() => $"{Path}: {Old ?? "(absent)"} -> {New ?? "(absent)"}";
}
