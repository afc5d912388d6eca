namespace VaeSweep.Core.Config;

/// <summary>A partial assignment of axis values; a run that matches every condition is left out of the plan.</summary>
public sealed class ExcludeRule
{
    internal ExcludeRule(IReadOnlyList<KeyValuePair<string, AxisValue>> conditions, SourceLocation location)
    {
        Conditions = conditions;
        Location = location;
    }

    /// <summary>Axis path to the value it must have, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, AxisValue>> Conditions { get; }

    public SourceLocation Location { get; }

    public bool Matches(IReadOnlyDictionary<string, string> displaysByPath) =>
        Conditions.All(c => displaysByPath.TryGetValue(c.Key, out var shown) && shown == c.Value.Display);

    public override string ToString() =>
        "{" + string.Join(", ", Conditions.Select(c => $"{c.Key}: {c.Value.Display}")) + "}";
}
