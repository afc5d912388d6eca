using VaeSweep.Core.Platform;

namespace VaeSweep.Tests.Config;

/// <summary>Locates files in the repository from the test assembly, so tests read the real configs and corpus.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = RepositoryRoot.Find()
        ?? throw new InvalidOperationException($"{RepositoryRoot.Marker} not found above {AppContext.BaseDirectory}");

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
