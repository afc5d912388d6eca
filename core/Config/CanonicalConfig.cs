using System.Text;
using System.Text.Json;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Config;

/// <summary>
/// The canonical text of a resolved run configuration: JSON with sorted snake_case keys, every key present,
/// invariant culture, shortest round-trip doubles and enums in their YAML spelling. The store keeps the full
/// text (<see cref="ToJson"/>) so a run can be resumed exactly; a run key hashes <see cref="IdentityJson"/>,
/// the same text without execution settings, so it changes only when what the run estimates would.
/// </summary>
/// <remarks>
/// Every key is written, defaults included: leaving defaults out would keep old run keys when a default
/// changes in code, silently reusing runs trained under the old default (the sweep sync refuses that case
/// with the list of changed defaults instead). The one exception is a key that applies only to some runs
/// (<see cref="ConfigKey.OnlyFor"/>, the categorical latent's settings): where it does not apply it is left out,
/// as it means nothing there, and so Gaussian runs kept their keys when those settings were added. Likewise the
/// convolutional layers (<see cref="ConfigKey.OmittedWhenEmpty"/>) are left out while empty, so MLP runs kept theirs.
/// </remarks>
public static class CanonicalConfig
{
    public static string ToJson(RunConfig config) => Write(config, includeExecution: true);

    /// <summary>The canonical text without execution settings (<c>evaluation.chunk_size</c>, ...): what a run key hashes.</summary>
    public static string IdentityJson(RunConfig config) => Write(config, includeExecution: false);

    private static string Write(RunConfig config, bool includeExecution)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var group in Groups())
            {
                if (group.Key == "")
                {
                    var leaf = group.Single();
                    writer.WritePropertyName(leaf.Name);
                    leaf.Spec.WriteJson(writer, leaf.Get(config));
                    continue;
                }
                writer.WriteStartObject(group.Key);
                foreach (var key in group.Where(k => (includeExecution || !k.Execution) && k.AppliesTo(config)).OrderBy(k => k.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key.Name);
                    key.Spec.WriteJson(writer, key.Get(config));
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Reads canonical JSON back (resume needs the exact config of a stored run). Keys missing from the text
    /// take their defaults; unknown keys and wrong shapes throw <see cref="FormatException"/>.
    /// </summary>
    public static RunConfig FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new FormatException("canonical config JSON must be an object");
        var config = new RunConfig();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object && ConfigKeys.Sections.Contains(property.Name))
            {
                foreach (var inner in property.Value.EnumerateObject())
                    config = Apply(config, $"{property.Name}.{inner.Name}", inner.Value);
            }
            else config = Apply(config, property.Name, property.Value);
        }
        return config;
    }

    private static RunConfig Apply(RunConfig config, string path, JsonElement value)
    {
        if (!ConfigKeys.ByPath.TryGetValue(path, out var key))
            throw new FormatException($"canonical config JSON has an unknown key '{path}'");
        var parsed = key.Spec.ReadJson(value);
        // Only data.path is nullable; null there means "the data set's default location".
        return parsed is null ? config : key.Set(config, parsed);
    }

    private static IEnumerable<IGrouping<string, ConfigKey>> Groups() =>
        ConfigKeys.All
            .GroupBy(k => k.Section == "" ? "" : k.Section)
            .OrderBy(g => g.Key == "" ? g.Single().Name : g.Key, StringComparer.Ordinal);
}
