using System.Text.Json;
using System.Text.Json.Nodes;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Reports;

/// <summary>Reads and strips keys of a run's canonical config JSON by axis path (<c>objective.beta</c>).</summary>
internal static class ConfigJsonPaths
{
    /// <summary>The value at <paramref name="path"/> as an axis displays it: numbers and words bare, lists as
    /// JSON; null when the config has no such key.</summary>
    public static string? Display(JsonElement root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current)) return null;
        }
        return AxisValue.Readable(current);
    }

    /// <summary>The config text with the given paths removed: equal results mean equal everything-else.</summary>
    public static string Without(string json, params string[] paths)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        foreach (var path in paths)
        {
            var parts = path.Split('.');
            var parent = root;
            foreach (var part in parts[..^1])
            {
                parent = parent[part] as JsonObject;
                if (parent is null) break;
            }
            parent?.Remove(parts[^1]);
        }
        return root.ToJsonString();
    }
}
