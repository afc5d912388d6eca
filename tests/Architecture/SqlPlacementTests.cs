using VaeSweep.Tests.Config;

namespace VaeSweep.Tests.Architecture;

/// <summary>core/Storage is the only room that speaks SQL: every other room and the CLI go through the Store's
/// typed API, so the schema can change in one place.</summary>
public class SqlPlacementTests
{
    [Fact]
    public void Only_core_storage_uses_sqlite()
    {
        var root = RepoPaths.Root;
        var speaking = new[] { "core", "cli" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                           !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Where(file => File.ReadAllText(file).Contains("Microsoft.Data.Sqlite", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();

        Assert.NotEmpty(speaking);
        Assert.All(speaking, file => Assert.StartsWith("core/Storage/", file));
    }
}
