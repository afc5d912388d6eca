using System.Text.RegularExpressions;
using VaeSweep.Tests.Config;

namespace VaeSweep.Tests.Architecture;

/// <summary>
/// Which core folders (rooms) each core folder uses, read from the source: a <c>using VaeSweep.Core.X</c>
/// directive or a qualified <c>VaeSweep.Core.X.</c> name. Sub-namespaces count as their top folder.
/// </summary>
internal static partial class FolderDependencies
{
    public static IReadOnlyDictionary<string, SortedSet<string>> Read(string coreFolder)
    {
        var graph = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var folder in Directory.GetDirectories(coreFolder))
        {
            var room = Path.GetFileName(folder);
            if (room is "bin" or "obj") continue;
            var uses = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
                foreach (Match m in CoreReference().Matches(File.ReadAllText(file)))
                    if (m.Groups[1].Value != room) uses.Add(m.Groups[1].Value);
            graph[room] = uses;
        }
        return graph;
    }

    /// <summary>One cycle as a path a -> b -> ... -> a, or null when the graph has none.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, SortedSet<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1: on the path, 2: done
        var path = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
            if (Visit(start) is { } cycle) return cycle;
        return null;

        List<string>? Visit(string room)
        {
            if (state.GetValueOrDefault(room) == 2) return null;
            if (state.GetValueOrDefault(room) == 1)
                return [.. path.Skip(path.IndexOf(room)), room];
            state[room] = 1;
            path.Add(room);
            foreach (var next in graph.GetValueOrDefault(room) ?? [])
                if (Visit(next) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            state[room] = 2;
            return null;
        }
    }

    [GeneratedRegex(@"\bVaeSweep\.Core\.([A-Z][A-Za-z]*)\b")]
    private static partial Regex CoreReference();
}
