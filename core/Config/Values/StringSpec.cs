using System.Text.Json;
using VaeSweep.Core.Config.Yaml;

namespace VaeSweep.Core.Config.Values;

/// <summary>A non-empty string; canonical JSON also allows null for an optional key left at its default.</summary>
internal sealed class StringSpec : ValueSpec
{
    public static readonly StringSpec Instance = new();

    public override string Expectation => "a non-empty string";

    public override object Read(YamlNode node, string path, ReadContext context) =>
        node is ScalarNode { IsNull: false } scalar && scalar.Text.Trim().Length > 0
            ? scalar.Text
            : throw Invalid(node, path, context);

    public override void WriteJson(Utf8JsonWriter writer, object? value)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue((string)value);
    }

    public override object? ReadJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => element.GetString(),
        _ => throw JsonShape(element, Expectation),
    };
}
