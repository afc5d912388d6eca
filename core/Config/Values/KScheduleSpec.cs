using System.Text.Json;
using VaeSweep.Core.Config.Yaml;

namespace VaeSweep.Core.Config.Values;

/// <summary>
/// <c>objective.k_schedule</c>: a list of <c>{epoch: E, k: K}</c> maps, starting at epoch 0 so that k is
/// defined from the first epoch, with strictly increasing epochs so that each epoch has one k.
/// </summary>
internal sealed class KScheduleSpec : ValueSpec
{
    public static readonly KScheduleSpec Instance = new();

    private static readonly string[] Keys = ["epoch", "k"];

    public override string Expectation => "a list of {epoch: E, k: K} maps";

    public override object Read(YamlNode node, string path, ReadContext context)
    {
        if (node is not SequenceNode list) throw Invalid(node, path, context);
        var steps = new List<KStep>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var step = ReadStep(list.Items[i], $"{path}[{i}]", context);
            if (i == 0 && step.Epoch != 0)
                throw context.Error(list.Items[i], path, $"{path} must start at epoch 0 (got epoch {step.Epoch})");
            if (i > 0 && step.Epoch <= steps[^1].Epoch)
                throw context.Error(list.Items[i], path,
                    $"{path} epochs must strictly increase (got epoch {step.Epoch} after epoch {steps[^1].Epoch})");
            steps.Add(step);
        }
        return steps.AsReadOnly();
    }

    private static KStep ReadStep(YamlNode node, string path, ReadContext context)
    {
        if (node is not MappingNode map)
            throw context.Error(node, path, $"{path} must be a map {{epoch: E, k: K}} (got {node.Describe()})");
        int? epoch = null, k = null;
        foreach (var (key, value) in map.Entries)
        {
            switch (key.Text)
            {
                case "epoch": epoch = (int)IntegerSpec.NonNegative.Read(value, $"{path}.epoch", context); break;
                case "k": k = (int)IntegerSpec.Positive.Read(value, $"{path}.k", context); break;
                default: throw UnknownKeys.Error(key, path, Keys, context);
            }
        }
        if (epoch is null || k is null)
            throw context.Error(node, path, $"{path} needs both epoch and k (got {(epoch is null ? "no epoch" : "no k")})");
        return new KStep(epoch.Value, k.Value);
    }

    public override void WriteJson(Utf8JsonWriter writer, object? value)
    {
        writer.WriteStartArray();
        foreach (var step in (IReadOnlyList<KStep>)value!)
        {
            // Keys in sorted order, like every other object in the canonical form.
            writer.WriteStartObject();
            writer.WriteNumber("epoch", step.Epoch);
            writer.WriteNumber("k", step.K);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    public override object? ReadJson(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array) throw JsonShape(element, Expectation);
        return element.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Object
                ? new KStep(e.GetProperty("epoch").GetInt32(), e.GetProperty("k").GetInt32())
                : throw JsonShape(e, "an {epoch, k} object"))
            .ToList().AsReadOnly();
    }
}
