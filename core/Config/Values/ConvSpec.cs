using System.Text.Json;
using VaeSweep.Core.Config.Yaml;

namespace VaeSweep.Core.Config.Values;

/// <summary>
/// <c>model.encoder_conv</c> and <c>model.decoder_conv</c>: a list of <c>[channels, kernel, stride]</c> layers, empty
/// for none. Each layer must take the side it receives (28 for the first) exactly to side / stride (see
/// <see cref="ConvLayer"/>); a list that does not is refused here, naming the layer.
/// </summary>
internal sealed class ConvSpec : ValueSpec
{
    public static readonly ConvSpec Instance = new();

    public override string Expectation => "a list of [channels, kernel, stride] layers";

    public override object Read(YamlNode node, string path, ReadContext context)
    {
        if (node is not SequenceNode list) throw Invalid(node, path, context);
        var layers = new List<ConvLayer>();
        var side = ConvLayer.ImageSide;
        for (var i = 0; i < list.Items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var item = list.Items[i];
            if (item is not SequenceNode { Items.Count: 3 } triple)
                throw context.Error(item, itemPath, $"{itemPath} must be [channels, kernel, stride] (got {item.Describe()})");
            var numbers = triple.Items.Select(n => (int)IntegerSpec.Positive.Read(n, itemPath, context)).ToArray();
            var layer = new ConvLayer(numbers[0], numbers[1], numbers[2]);
            if (layer.Misfit(side) is { } why)
                throw context.Error(item, itemPath, $"{itemPath} [{layer.Channels}, {layer.Kernel}, {layer.Stride}] does not fit: {why}");
            side /= layer.Stride;
            layers.Add(layer);
        }
        return layers.AsReadOnly();
    }

    public override void WriteJson(Utf8JsonWriter writer, object? value)
    {
        writer.WriteStartArray();
        foreach (var layer in (IReadOnlyList<ConvLayer>)value!)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(layer.Channels);
            writer.WriteNumberValue(layer.Kernel);
            writer.WriteNumberValue(layer.Stride);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    public override object? ReadJson(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array) throw JsonShape(element, Expectation);
        return element.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 3
                ? new ConvLayer(e[0].GetInt32(), e[1].GetInt32(), e[2].GetInt32())
                : throw JsonShape(e, "a [channels, kernel, stride] array"))
            .ToList().AsReadOnly();
    }
}
