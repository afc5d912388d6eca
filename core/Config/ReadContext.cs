using VaeSweep.Core.Config.Yaml;

namespace VaeSweep.Core.Config;

/// <summary>Carries the source name so that every reader can build a positioned error.</summary>
internal sealed class ReadContext(string source)
{
    public string Source { get; } = source;

    public ConfigException Error(YamlNode node, string? path, string detail) => new(Source, node.Location, path, detail);

    public ConfigException Error(SourceLocation location, string? path, string detail) => new(Source, location, path, detail);
}
