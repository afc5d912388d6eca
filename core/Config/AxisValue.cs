using System.Text.Json;

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

    /// <summary>A value's JSON as axes show it to a reader: a JSON string without its quotes, anything else as
    /// written (numbers, true, null, lists).</summary>
    public static string Readable(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    /// <inheritdoc cref="Readable(JsonElement)"/>
    public static string Readable(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Readable(document.RootElement);
    }

    /// <summary>A run's axis values, in axis order, from the object the store keeps ("path": value).</summary>
    public static IReadOnlyList<(string Path, string Value)> ReadAxes(string axesJson)
    {
        using var document = JsonDocument.Parse(axesJson);
        return document.RootElement.EnumerateObject().Select(p => (p.Name, Readable(p.Value))).ToList();
    }
}
