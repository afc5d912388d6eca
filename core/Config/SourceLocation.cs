namespace VaeSweep.Core.Config;

/// <summary>A 1-based line and column in a config file; (0, 0) when an error has no position (a missing file).</summary>
public readonly record struct SourceLocation(int Line, int Column)
{
    public static readonly SourceLocation None = new(0, 0);

    public bool IsKnown => Line > 0;

    public override string ToString() => IsKnown ? $"{Line}:{Column}" : "";
}
