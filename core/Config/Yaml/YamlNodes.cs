namespace VaeSweep.Core.Config.Yaml;

// A minimal document tree built from YamlDotNet's event parser. We build our own rather than use
// YamlDotNet.RepresentationModel so that aliases, tags, duplicate keys and depth are checked while parsing,
// before anything could be expanded, and so every node keeps its position.

internal abstract class YamlNode(SourceLocation location)
{
    public SourceLocation Location { get; } = location;

    /// <summary>How an error message names what was found: "a map", "a list", or the scalar's text.</summary>
    public abstract string Describe();
}

internal sealed class ScalarNode(SourceLocation location, string text, bool plain) : YamlNode(location)
{
    public string Text { get; } = text;

    /// <summary>Unquoted: only plain scalars may be read as numbers, booleans or null.</summary>
    public bool Plain { get; } = plain;

    /// <summary>A plain scalar with no content, or one of YAML's null spellings.</summary>
    public bool IsNull => Plain && Text is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => IsNull ? "nothing" : Plain ? Text : $"string \"{Text}\"";
}

internal sealed class SequenceNode(SourceLocation location, IReadOnlyList<YamlNode> items) : YamlNode(location)
{
    public IReadOnlyList<YamlNode> Items { get; } = items;

    public override string Describe() => "a list";
}

internal sealed class MappingNode(SourceLocation location, IReadOnlyList<KeyValuePair<ScalarNode, YamlNode>> entries)
    : YamlNode(location)
{
    public IReadOnlyList<KeyValuePair<ScalarNode, YamlNode>> Entries { get; } = entries;

    public override string Describe() => "a map";
}
