using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Reports;

/// <summary>A picture a run produced, with its PNG bytes when the file could be read.</summary>
/// <param name="Png">Null when the file is missing: the report says so instead of failing.</param>
public sealed record ReportPicture(string Kind, string Path, byte[]? Png)
{
    /// <summary>
    /// Reads an artifact's file. Paths are recorded as written: a relative one is looked for beside the store first
    /// (<paramref name="folder"/>), then from the working folder (where `vaesweep run` was started).
    /// </summary>
    public static ReportPicture Read(ArtifactRecord artifact, string folder)
    {
        var picture = new ReportPicture(artifact.Kind, artifact.Path, null);
        if (!artifact.Path.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) return picture;
        var found = new[] { System.IO.Path.Combine(folder, artifact.Path), artifact.Path }.FirstOrDefault(File.Exists);
        return found is null ? picture : picture with { Png = File.ReadAllBytes(found) };
    }
}
