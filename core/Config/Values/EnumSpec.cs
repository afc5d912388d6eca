using System.Text.Json;
using System.Text.RegularExpressions;
using VaeSweep.Core.Config.Yaml;

namespace VaeSweep.Core.Config.Values;

/// <summary>An enum member written in lower-case kebab-case (<c>MonteCarlo</c> is <c>monte-carlo</c>).</summary>
internal sealed partial class EnumSpec<T> : ValueSpec where T : struct, Enum
{
    public static readonly EnumSpec<T> Instance = new();

    private readonly Dictionary<string, T> _byName;

    private EnumSpec() =>
        _byName = Enum.GetValues<T>().ToDictionary(Spell, v => v, StringComparer.Ordinal);

    public override string Expectation => "one of " + string.Join(", ", _byName.Keys);

    public static string Spell(T value) => UpperLetter().Replace(value.ToString(), "-$1").ToLowerInvariant();

    public override object Read(YamlNode node, string path, ReadContext context)
    {
        if (node is ScalarNode { IsNull: false } scalar)
        {
            if (_byName.TryGetValue(scalar.Text, out var value)) return value;
            var guess = Suggest.Closest(scalar.Text, _byName.Keys);
            var hint = guess is null ? "" : $"; did you mean '{guess}'?";
            throw context.Error(node, path, $"{path} must be {Expectation} (got {scalar.Text}{hint})");
        }
        throw Invalid(node, path, context);
    }

    public override void WriteJson(Utf8JsonWriter writer, object? value) => writer.WriteStringValue(Spell((T)value!));

    public override object? ReadJson(JsonElement element) =>
        element.ValueKind == JsonValueKind.String && _byName.TryGetValue(element.GetString()!, out var value)
            ? value
            : throw JsonShape(element, Expectation);

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex UpperLetter();
}
