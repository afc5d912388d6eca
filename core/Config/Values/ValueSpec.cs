using System.Text;
using System.Text.Json;
using VaeSweep.Core.Config.Yaml;

namespace VaeSweep.Core.Config.Values;

/// <summary>
/// The type of one config key: how to read it strictly from YAML (with its range), and how to write and read
/// it in the canonical JSON that run keys hash. Keeping both directions in one place means the YAML spelling
/// and the stored spelling of a value cannot drift apart.
/// </summary>
internal abstract class ValueSpec
{
    /// <summary>What a valid value looks like, completing "model.latent must be ...".</summary>
    public abstract string Expectation { get; }

    /// <summary>Parses and range-checks a YAML node, throwing a positioned <see cref="ConfigException"/>.</summary>
    public abstract object Read(YamlNode node, string path, ReadContext context);

    public abstract void WriteJson(Utf8JsonWriter writer, object? value);

    /// <summary>Reads a value back from canonical JSON; throws <see cref="FormatException"/> on a wrong shape.</summary>
    public abstract object? ReadJson(JsonElement element);

    /// <summary>The value's canonical JSON text, used wherever a value is shown or compared.</summary>
    public string Display(object? value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            WriteJson(writer, value);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    protected ConfigException Invalid(YamlNode node, string path, ReadContext context, string? reason = null) =>
        context.Error(node, path, $"{path} must be {Expectation} (got {node.Describe()}{(reason is null ? "" : ": " + reason)})");

    protected static FormatException JsonShape(JsonElement element, string expected) =>
        new($"expected {expected} in canonical config JSON, found {element.ValueKind}");
}
