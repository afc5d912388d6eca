using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace VaeSweep.Core.Config.Yaml;

/// <summary>Parses YAML text into a <see cref="YamlNode"/> tree, refusing every YAML feature a sweep does not need.</summary>
internal sealed partial class YamlTreeReader
{
    public const int MaxDepth = 32;

    private readonly string _source;
    private readonly IParser _parser;

    private YamlTreeReader(string source, string text)
    {
        _source = source;
        _parser = new Parser(new StringReader(text));
    }

    /// <summary>The single document's root node, or null for a file with no content.</summary>
    public static YamlNode? Read(string source, string text)
    {
        RejectTabs(source, text);
        var reader = new YamlTreeReader(source, text);
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException e)
        {
            throw new ConfigException(source, ToLocation(e.Start), null, "YAML syntax error: " + StripPosition(e.Message));
        }
    }

    // YAML forbids tabs in indentation but allows them elsewhere, and YamlDotNet's message for a stray tab is
    // cryptic. A sweep file has no use for tabs, so any tab is an error with a plain fix.
    private static void RejectTabs(string source, string text)
    {
        var index = text.IndexOf('\t');
        if (index < 0) return;
        var line = 1 + text.AsSpan(0, index).Count('\n');
        var column = index - (text.LastIndexOf('\n', index) + 1) + 1;
        throw new ConfigException(source, new SourceLocation(line, column), null,
            "tab character: YAML files must be indented with spaces");
    }

    private YamlNode? ReadStream()
    {
        Expect<StreamStart>();
        if (_parser.TryConsume<StreamEnd>(out _)) return null;
        Expect<DocumentStart>();
        var root = ReadNode(1);
        Expect<DocumentEnd>();
        if (_parser.Current is DocumentStart next)
            throw Fail(next.Start, "a sweep file holds one YAML document; found a second one ('---')");
        Expect<StreamEnd>();
        return root;
    }

    private YamlNode ReadNode(int depth)
    {
        var current = _parser.Current ?? throw new InvalidOperationException("YAML parser ended inside a document");
        if (depth > MaxDepth)
            throw Fail(current.Start, $"nesting deeper than {MaxDepth} levels");
        switch (current)
        {
            case AnchorAlias alias:
                throw Fail(alias.Start, $"aliases (*{alias.Value}) are not supported: write the value out in full");
            case NodeEvent { Anchor.IsEmpty: false } anchored:
                throw Fail(anchored.Start, $"anchors (&{anchored.Anchor}) are not supported: write the value out in full");
            case NodeEvent { Tag.IsEmpty: false } tagged when !(tagged is Scalar { Tag.Value: "!" }):
                throw Fail(tagged.Start, $"tags ({tagged.Tag}) are not supported");
            case Scalar scalar:
                _parser.MoveNext();
                return new ScalarNode(ToLocation(scalar.Start), scalar.Value, scalar.Style is ScalarStyle.Plain);
            case SequenceStart start:
                return ReadSequence(start, depth);
            case MappingStart start:
                return ReadMapping(start, depth);
            default:
                throw Fail(current.Start, $"unexpected YAML event {current.GetType().Name}");
        }
    }

    private SequenceNode ReadSequence(SequenceStart start, int depth)
    {
        _parser.MoveNext();
        var items = new List<YamlNode>();
        while (!_parser.TryConsume<SequenceEnd>(out _))
            items.Add(ReadNode(depth + 1));
        return new SequenceNode(ToLocation(start.Start), items);
    }

    private MappingNode ReadMapping(MappingStart start, int depth)
    {
        _parser.MoveNext();
        var entries = new List<KeyValuePair<ScalarNode, YamlNode>>();
        var seen = new Dictionary<string, ScalarNode>(StringComparer.Ordinal);
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyStart = _parser.Current!.Start;
            if (ReadNode(depth + 1) is not ScalarNode key || key.IsNull)
                throw Fail(keyStart, "map keys must be plain names");
            // YamlDotNet lets a repeated key silently win; a repeated key is almost always an editing mistake.
            if (seen.TryGetValue(key.Text, out var first))
                throw new ConfigException(_source, key.Location, key.Text,
                    $"duplicate key '{key.Text}' (first written at {first.Location})");
            seen.Add(key.Text, key);
            entries.Add(new(key, ReadNode(depth + 1)));
        }
        return new MappingNode(ToLocation(start.Start), entries);
    }

    private void Expect<T>() where T : ParsingEvent
    {
        if (_parser.Current is null) _parser.MoveNext();
        if (_parser.Current is not T)
            throw Fail(_parser.Current?.Start ?? Mark.Empty, $"expected {typeof(T).Name}, found {_parser.Current?.GetType().Name}");
        _parser.MoveNext();
    }

    private ConfigException Fail(Mark mark, string detail) => new(_source, ToLocation(mark), null, detail);

    private static SourceLocation ToLocation(Mark mark) => new(Math.Max(1, (int)mark.Line), Math.Max(1, (int)mark.Column));

    // YamlDotNet prefixes its messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; we print our own position.
    private static string StripPosition(string message) => PositionPrefix().Replace(message, "");

    [GeneratedRegex(@"^\(Line: .*?\) - \(Line: .*?\): ")]
    private static partial Regex PositionPrefix();
}
