namespace VaeSweep.Core.Config;

/// <summary>
/// One value of a sweep axis, already parsed and range-checked against the key it sets.
/// <see cref="Display"/> is the value's canonical JSON text (the same spelling the run key hashes), so two
/// values are the same exactly when their displays are equal, whatever way the YAML wrote them.
/// </summary>
public sealed class AxisValue
{
    internal AxisValue(string display, object value, SourceLocation location)
    {
        Display = display;
        Value = value;
        Location = location;
    }

    public string Display { get; }

    /// <summary>The typed value (int, long, double, bool, an enum, a list of int or of KStep, a string).</summary>
    public object Value { get; }

    public SourceLocation Location { get; }

    public override string ToString() => Display;
}
