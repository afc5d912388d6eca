using System.Text.Json;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Planning;

/// <summary>Key-by-key differences between two configurations, for refusing a sweep edited under existing runs.</summary>
public static class ConfigDiff
{
    /// <summary>Changed leaf paths (e.g. <c>training.epochs: 10 -> 20</c>) between two canonical config JSON texts, sorted by path.</summary>
    public static IReadOnlyList<ConfigChange> Between(string oldCanonicalJson, string newCanonicalJson) =>
        Compare(FlattenJson(oldCanonicalJson, ""), FlattenJson(newCanonicalJson, ""));

    /// <summary>
    /// Changes between two sweeps: <c>sweep.name</c>, every base key (<c>base.model.latent</c>), each axis's value
    /// list (<c>grid.objective.beta</c>, <c>zip.model.latent</c>) and the exclude list. The store path is left
    /// out: moving the store file changes no run.
    /// </summary>
    public static IReadOnlyList<ConfigChange> Between(SweepConfig oldSweep, SweepConfig newSweep) =>
        Compare(Flatten(oldSweep), Flatten(newSweep));

    internal static SortedDictionary<string, string> Flatten(SweepConfig sweep)
    {
        var flat = FlattenJson(CanonicalConfig.ToJson(sweep.Base), "base.");
        flat["sweep.name"] = sweep.Name;
        foreach (var axis in sweep.Grid) flat["grid." + axis.Path] = List(axis.Values.Select(v => v.Display));
        foreach (var axis in sweep.Zip) flat["zip." + axis.Path] = List(axis.Values.Select(v => v.Display));
        if (sweep.Excludes.Count > 0) flat["exclude"] = List(sweep.Excludes.Select(e => e.ToString()));
        return flat;
    }

    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";

    private static IReadOnlyList<ConfigChange> Compare(SortedDictionary<string, string> before, SortedDictionary<string, string> after) =>
        before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Select(path => new ConfigChange(path, before.GetValueOrDefault(path), after.GetValueOrDefault(path)))
            .Where(change => change.Old != change.New)
            .ToList();

    // Objects become dotted paths; arrays and scalars are leaves shown as compact JSON.
    private static SortedDictionary<string, string> FlattenJson(string json, string prefix)
    {
        var flat = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement, prefix.TrimEnd('.'), flat);
        return flat;
    }

    private static void Walk(JsonElement element, string path, SortedDictionary<string, string> flat)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            flat[path] = element.GetRawText();
            return;
        }
        foreach (var property in element.EnumerateObject())
            Walk(property.Value, path == "" ? property.Name : $"{path}.{property.Name}", flat);
    }
}
