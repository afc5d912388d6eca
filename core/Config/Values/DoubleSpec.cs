using System.Globalization;
using System.Text.Json;
using VaeSweep.Core.Config.Yaml;

namespace VaeSweep.Core.Config.Values;

/// <summary>A finite number accepted by <paramref name="inRange"/>; written in shortest round-trip form.</summary>
internal sealed class DoubleSpec(Func<double, bool> inRange, string expectation) : ValueSpec
{
    public override string Expectation => expectation;

    public override object Read(YamlNode node, string path, ReadContext context)
    {
        if (node is not ScalarNode scalar) throw Invalid(node, path, context);
        if (!NumberText.TryDecimal(scalar, out var text, out var reason)) throw Invalid(node, path, context, reason);
        if (!NumberText.TryParseDouble(text, out var value)) throw Invalid(node, path, context, "numbers must be finite");
        if (!inRange(value)) throw Invalid(node, path, context);
        // -0.0 and 0.0 are the same setting; let them hash the same.
        return value == 0 ? 0.0 : value;
    }

    // "R" is the shortest text that parses back to the same double, so the canonical form is exact and stable.
    public override void WriteJson(Utf8JsonWriter writer, object? value) =>
        writer.WriteRawValue(((double)value!).ToString("R", CultureInfo.InvariantCulture));

    public override object? ReadJson(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var value) && double.IsFinite(value)
            ? value
            : throw JsonShape(element, expectation);
}
