using System.Text.RegularExpressions;
using VaeSweep.Core.Config.Yaml;

namespace VaeSweep.Core.Config;

/// <summary>Interprets a parsed sweep document: the <c>sweep</c>, <c>base</c>, <c>grid</c>, <c>zip</c>, <c>exclude</c> and
/// <c>schedule</c> sections.</summary>
internal sealed partial class SweepReader(ReadContext context)
{
    private static readonly string[] TopKeys = ["sweep", "base", "grid", "zip", "exclude", "schedule"];
    private static readonly string[] SweepKeys = ["name", "store"];

    public SweepConfig Read(YamlNode? root, string text)
    {
        if (root is not MappingNode map)
            throw context.Error(root?.Location ?? new SourceLocation(1, 1), null,
                "a sweep file must be a map with the keys " + string.Join(", ", TopKeys) + $" (got {root?.Describe() ?? "an empty file"})");

        var sections = new Dictionary<string, (ScalarNode Key, YamlNode Value)>();
        foreach (var (key, value) in map.Entries)
        {
            if (!TopKeys.Contains(key.Text)) throw UnknownKeys.Error(key, null, TopKeys, context);
            sections[key.Text] = (key, value);
        }
        if (!sections.TryGetValue("sweep", out var sweep))
            throw context.Error(map, "sweep", "missing 'sweep' section: it names the sweep (sweep: {name: ...})");

        var (name, store) = ReadSweepSection(sweep.Value);
        var locations = new Dictionary<string, SourceLocation>();
        var baseConfig = sections.TryGetValue("base", out var b) ? ReadBase(b.Value, locations) : new RunConfig();
        var grid = sections.TryGetValue("grid", out var g) ? ReadAxes(g.Value, "grid", allowRepeats: false) : [];
        var zip = sections.TryGetValue("zip", out var z) ? ReadZip(z.Value, grid) : [];
        var excludes = sections.TryGetValue("exclude", out var e) ? ReadExcludes(e.Value, zip.Concat(grid).ToList()) : [];
        var halving = sections.TryGetValue("schedule", out var s) ? new ScheduleReader(context).Read(s.Value) : null;

        return new SweepConfig
        {
            Name = name,
            StorePath = store ?? $"runs/{name}.db",
            Base = baseConfig,
            Grid = grid,
            Zip = zip,
            Excludes = excludes,
            Halving = halving,
            SourceName = context.Source,
            SourceText = text,
            BaseLocations = locations,
            Location = sweep.Key.Location,
        };
    }

    private (string Name, string? Store) ReadSweepSection(YamlNode node)
    {
        var map = ExpectMap(node, "sweep");
        string? name = null, store = null;
        foreach (var (key, value) in map.Entries)
        {
            switch (key.Text)
            {
                case "name":
                    name = (string)Values.StringSpec.Instance.Read(value, "sweep.name", context);
                    if (!NamePattern().IsMatch(name))
                        throw context.Error(value, "sweep.name", $"sweep.name must use only a-z, 0-9, '_' and '-' (got {name})");
                    break;
                case "store":
                    store = (string)Values.StringSpec.Instance.Read(value, "sweep.store", context);
                    break;
                default:
                    throw UnknownKeys.Error(key, "sweep", SweepKeys, context);
            }
        }
        return (name ?? throw context.Error(map, "sweep.name", "missing sweep.name: every sweep needs a name"), store);
    }

    private RunConfig ReadBase(YamlNode node, Dictionary<string, SourceLocation> locations)
    {
        var config = new RunConfig();
        var topNames = ConfigKeys.Sections.Concat(ConfigKeys.All.Where(k => k.Section == "").Select(k => k.Path)).ToList();
        foreach (var (key, value) in ExpectMap(node, "base").Entries)
        {
            // Only section-less keys (seed) sit directly under base; dotted paths belong in grid, zip and exclude.
            if (ConfigKeys.ByPath.TryGetValue(key.Text, out var leaf) && leaf.Section == "")
            {
                config = leaf.Set(config, leaf.Spec.Read(value, leaf.Path, context));
                locations[leaf.Path] = value.Location;
            }
            else if (ConfigKeys.Sections.Contains(key.Text))
            {
                var names = ConfigKeys.All.Where(k => k.Section == key.Text).Select(k => k.Name).ToList();
                foreach (var (inner, innerValue) in ExpectMap(value, key.Text).Entries)
                {
                    if (!ConfigKeys.ByPath.TryGetValue($"{key.Text}.{inner.Text}", out var setting))
                        throw UnknownKeys.InBase(inner, key.Text, names, context);
                    config = setting.Set(config, setting.Spec.Read(innerValue, setting.Path, context));
                    locations[setting.Path] = innerValue.Location;
                }
            }
            else throw UnknownKeys.InBase(key, "", topNames, context);
        }
        return config;
    }

    private List<SweepAxis> ReadAxes(YamlNode node, string section, bool allowRepeats)
    {
        var axes = new List<SweepAxis>();
        foreach (var (key, value) in ExpectMap(node, section).Entries)
        {
            var setting = ResolveAxisPath(key, section);
            if (value is not SequenceNode list)
                throw context.Error(value, setting.Path, $"{section} axis {setting.Path} must be a list of values (got {value.Describe()})");
            if (list.Items.Count == 0)
                throw context.Error(value, setting.Path, $"{section} axis {setting.Path} has no values: an empty axis would plan no runs");
            var values = new List<AxisValue>();
            foreach (var item in list.Items)
            {
                var parsed = setting.Spec.Read(item, setting.Path, context);
                var shown = setting.Spec.Display(parsed);
                if (!allowRepeats && values.Any(v => v.Display == shown))
                    throw context.Error(item, setting.Path, $"{section} axis {setting.Path} lists the value {shown} twice");
                values.Add(new AxisValue(shown, parsed, item.Location));
            }
            axes.Add(new SweepAxis(setting.Path, values, key.Location));
        }
        return axes;
    }

    private List<SweepAxis> ReadZip(YamlNode node, IReadOnlyList<SweepAxis> grid)
    {
        // A zip list may repeat a value (latent [2, 10, 2] against epochs [5, 5, 10]); only repeated tuples are
        // an error, and the planner reports those as duplicate runs.
        var zip = ReadAxes(node, "zip", allowRepeats: true);
        foreach (var axis in zip)
        {
            if (grid.FirstOrDefault(a => a.Path == axis.Path) is { } twin)
                throw context.Error(axis.Location, axis.Path, $"{axis.Path} is both a zip and a grid axis (grid axis at {twin.Location}); keep one");
            if (axis.Values.Count != zip[0].Values.Count)
                throw context.Error(axis.Location, axis.Path,
                    $"zip lists must have equal lengths: {axis.Path} has {axis.Values.Count} values, {zip[0].Path} has {zip[0].Values.Count}");
        }
        return zip;
    }

    private List<ExcludeRule> ReadExcludes(YamlNode node, IReadOnlyList<SweepAxis> axes)
    {
        if (node is not SequenceNode list)
            throw context.Error(node, "exclude", $"exclude must be a list of maps of axis values (got {node.Describe()})");
        var rules = new List<ExcludeRule>();
        foreach (var entry in list.Items)
        {
            var conditions = new List<KeyValuePair<string, AxisValue>>();
            var map = ExpectMap(entry, "exclude");
            if (map.Entries.Count == 0)
                throw context.Error(entry, "exclude", "an exclude entry must name at least one axis; an empty one would drop every run");
            foreach (var (key, value) in map.Entries)
            {
                var axis = axes.FirstOrDefault(a => a.Path == key.Text) ?? throw NotAnAxis(key, axes);
                var setting = ConfigKeys.ByPath[axis.Path];
                var shown = setting.Spec.Display(setting.Spec.Read(value, axis.Path, context));
                // An exclude for a value no axis has can never match, which hides a typo or a stale entry.
                var match = axis.Values.FirstOrDefault<AxisValue>(v => v.Display == shown)
                    ?? throw context.Error(value, axis.Path,
                        $"exclude value {shown} for {axis.Path} is not one of the axis values ({string.Join(", ", axis.Values)})");
                conditions.Add(new(axis.Path, new AxisValue(match.Display, match.Value, value.Location)));
            }
            rules.Add(new ExcludeRule(conditions, entry.Location));
        }
        return rules;
    }

    private ConfigException NotAnAxis(ScalarNode key, IReadOnlyList<SweepAxis> axes)
    {
        var guess = Suggest.Closest(key.Text, axes.Select(a => a.Path));
        var hint = guess is not null ? $"did you mean '{guess}'?" : "axes: " + string.Join(", ", axes.Select(a => a.Path));
        return context.Error(key, key.Text, $"exclude names '{key.Text}', which is not a grid or zip axis; {hint}");
    }

    private ConfigKey ResolveAxisPath(ScalarNode key, string section)
    {
        if (ConfigKeys.ByPath.TryGetValue(key.Text, out var setting))
        {
            if (setting.Execution)
                throw context.Error(key, key.Text,
                    $"{section} axis '{key.Text}' is an execution setting: it changes how a run is carried out, not what it estimates, so runs differing only in it are the same run; set it in base");
            return setting;
        }
        if (ConfigKeys.Sections.Contains(key.Text))
            throw context.Error(key, key.Text, $"{section} axis '{key.Text}' names a section; an axis sets one key, such as {ConfigKeys.All.First(k => k.Section == key.Text).Path}");
        var guess = Suggest.Closest(key.Text, ConfigKeys.All.Select(k => k.Path));
        var hint = guess is not null ? $"; did you mean '{guess}'?" : "; write a dotted path such as model.latent";
        throw context.Error(key, key.Text, $"{section} axis '{key.Text}' names no config key{hint}");
    }

    private MappingNode ExpectMap(YamlNode node, string path) =>
        node as MappingNode ?? throw context.Error(node, path, $"{path} must be a map (got {node.Describe()})");

    [GeneratedRegex("^[a-z0-9_-]+$")]
    private static partial Regex NamePattern();
}
