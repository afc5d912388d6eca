using System.Text.Json;
using VaeSweep.Core.Config.Yaml;

namespace VaeSweep.Core.Config.Values;

/// <summary>Only <c>true</c> or <c>false</c>: YAML 1.1's yes/no/on/off are refused as too easy to misread.</summary>
internal sealed class BoolSpec : ValueSpec
{
    public static readonly BoolSpec Instance = new();

    public override string Expectation => "true or false";

    public override object Read(YamlNode node, string path, ReadContext context) =>
        node is ScalarNode { Plain: true, Text: "true" or "false" } scalar
            ? scalar.Text == "true"
            : throw Invalid(node, path, context);

    public override void WriteJson(Utf8JsonWriter writer, object? value) => writer.WriteBooleanValue((bool)value!);

    public override object? ReadJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw JsonShape(element, Expectation),
    };
}
