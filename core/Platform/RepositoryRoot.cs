namespace VaeSweep.Core.Platform;

/// <summary>The checkout the program (or a test) runs from: the nearest folder above its binaries that holds
/// VaeSweep.sln. The native library, the data cache and the tests' fixtures are found from it.</summary>
public static class RepositoryRoot
{
    public const string Marker = "VaeSweep.sln";

    /// <summary>The checkout's folder, or null when the program runs from outside one (an installed copy).</summary>
    public static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, Marker))) return dir.FullName;
        return null;
    }
}
