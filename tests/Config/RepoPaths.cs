namespace VaeSweep.Tests.Config;

/// <summary>Locates files in the repository from the test assembly, so tests read the real configs and corpus.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VaeSweep.sln"))) return dir.FullName;
        throw new InvalidOperationException($"VaeSweep.sln not found above {AppContext.BaseDirectory}");
    }
}
