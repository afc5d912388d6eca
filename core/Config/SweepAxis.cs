namespace VaeSweep.Core.Config;

/// <summary>A dotted key path (e.g. <c>objective.beta</c>) and the values a sweep gives it, in file order.</summary>
public sealed class SweepAxis
{
    internal SweepAxis(string path, IReadOnlyList<AxisValue> values, SourceLocation location)
    {
        Path = path;
        Values = values;
        Location = location;
    }

    public string Path { get; }

    public IReadOnlyList<AxisValue> Values { get; }

    /// <summary>Where the axis's key is written.</summary>
    public SourceLocation Location { get; }
}
