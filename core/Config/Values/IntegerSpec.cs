using System.Globalization;
using System.Text.Json;
using VaeSweep.Core.Config.Yaml;

namespace VaeSweep.Core.Config.Values;

/// <summary>An exact integer in [min, max]; boxed as int, or as long when <paramref name="wide"/> is set.</summary>
internal sealed class IntegerSpec(long min, long max, string expectation, bool wide = false) : ValueSpec
{
    public static readonly IntegerSpec Positive = new(1, int.MaxValue, "a positive integer");
    public static readonly IntegerSpec NonNegative = new(0, int.MaxValue, "a non-negative integer");

    public override string Expectation => expectation;

    public override object Read(YamlNode node, string path, ReadContext context)
    {
        if (node is not ScalarNode scalar) throw Invalid(node, path, context);
        if (!NumberText.TryDecimal(scalar, out var text, out var reason)) throw Invalid(node, path, context, reason);
        // "2.0" is refused too: an integer key written as a fraction hints at a mix-up between keys.
        if (!NumberText.IsInteger(text)) throw Invalid(node, path, context);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
            throw Invalid(node, path, context);
        return Box(value);
    }

    public override void WriteJson(Utf8JsonWriter writer, object? value) => writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));

    public override object? ReadJson(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value) && value >= min && value <= max
            ? Box(value)
            : throw JsonShape(element, expectation);

    private object Box(long value) => wide ? value : (object)(int)value;
}
