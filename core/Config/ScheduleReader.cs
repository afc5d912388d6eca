using VaeSweep.Core.Config.Values;
using VaeSweep.Core.Config.Yaml;

namespace VaeSweep.Core.Config;

/// <summary>Reads the sweep file's <c>schedule</c> section: how the sweep as a whole is carried out, beyond what each
/// run is. Today it holds one rule, <c>halving</c> (<see cref="HalvingRule"/>).</summary>
internal sealed class ScheduleReader(ReadContext context)
{
    private static readonly string[] ScheduleKeys = ["halving"];
    private static readonly string[] HalvingKeys = ["every", "keep", "k", "metric"];
    private static readonly DoubleSpec KeepSpec = new(v => v > 0 && v < 1, "a number between 0 and 1 (exclusive)");

    public HalvingRule? Read(YamlNode node)
    {
        HalvingRule? halving = null;
        foreach (var (key, value) in Map(node, "schedule").Entries)
        {
            if (key.Text != "halving") throw UnknownKeys.Error(key, "schedule", ScheduleKeys, context);
            halving = ReadHalving(key, value);
        }
        return halving;
    }

    private HalvingRule ReadHalving(ScalarNode section, YamlNode node)
    {
        int? every = null;
        double keep = HalvingRule.DefaultKeep;
        var k = HalvingRule.DefaultK;
        foreach (var (key, value) in Map(node, "schedule.halving").Entries)
        {
            var path = "schedule.halving." + key.Text;
            switch (key.Text)
            {
                case "every":
                    every = (int)IntegerSpec.Positive.Read(value, path, context);
                    break;
                case "keep":
                    keep = (double)KeepSpec.Read(value, path, context);
                    break;
                case "k":
                    k = (int)IntegerSpec.Positive.Read(value, path, context);
                    break;
                case "metric":
                    var metric = (string)StringSpec.Instance.Read(value, path, context);
                    if (metric != HalvingRule.Metric)
                        throw context.Error(value, path,
                            $"{path} must be {HalvingRule.Metric} (the validation bound with schedule.halving.k samples) (got {metric})");
                    break;
                default:
                    throw UnknownKeys.Error(key, "schedule.halving", HalvingKeys, context);
            }
        }
        return new HalvingRule(every ?? throw context.Error(node, "schedule.halving.every",
            "missing schedule.halving.every: the epochs between two halving decisions"), keep, k, section.Location);
    }

    private MappingNode Map(YamlNode node, string path) =>
        node as MappingNode ?? throw context.Error(node, path, $"{path} must be a map (got {node.Describe()})");
}
