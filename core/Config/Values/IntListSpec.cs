using System.Text.Json;
using VaeSweep.Core.Config.Yaml;

namespace VaeSweep.Core.Config.Values;

/// <summary>A list of integers, each checked by <paramref name="element"/>, optionally non-empty and duplicate-free.</summary>
internal sealed class IntListSpec(IntegerSpec element, bool allowEmpty, bool unique, string expectation) : ValueSpec
{
    public override string Expectation => expectation;

    public override object Read(YamlNode node, string path, ReadContext context)
    {
        if (node is not SequenceNode list) throw Invalid(node, path, context);
        if (list.Items.Count == 0 && !allowEmpty) throw Invalid(node, path, context, "the list is empty");
        var values = new List<int>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var item = list.Items[i];
            var value = (int)element.Read(item, itemPath, context);
            if (unique && values.Contains(value))
                throw context.Error(item, path, $"{path} must not repeat a value (got {value} twice)");
            values.Add(value);
        }
        return values.AsReadOnly();
    }

    public override void WriteJson(Utf8JsonWriter writer, object? value)
    {
        writer.WriteStartArray();
        foreach (var item in (IReadOnlyList<int>)value!) element.WriteJson(writer, item);
        writer.WriteEndArray();
    }

    public override object? ReadJson(JsonElement json) =>
        json.ValueKind == JsonValueKind.Array
            ? json.EnumerateArray().Select(e => (int)element.ReadJson(e)!).ToList().AsReadOnly()
            : throw JsonShape(json, expectation);
}
