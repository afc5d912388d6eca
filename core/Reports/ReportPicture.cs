using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Reports;

/// <summary>A picture a run produced, with its bytes when the file could be read.</summary>
/// <param name="Content">Null when the file is missing or not a PNG or SVG: the report says so instead of failing.</param>
public sealed record ReportPicture(string Kind, string Path, byte[]? Content)
{
    /// <summary>The media type a data URI names, from the file's extension; null for a file the report does not embed.</summary>
    public string? MediaType => System.IO.Path.GetExtension(Path).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".svg" => "image/svg+xml",
        _ => null,
    };

    /// <summary>
    /// Reads an artifact's file. Paths are recorded as written: a relative one is looked for beside the store first
    /// (<paramref name="folder"/>), then from the working folder (where `vaesweep run` was started).
    /// </summary>
    public static ReportPicture Read(ArtifactRecord artifact, string folder)
    {
        var picture = new ReportPicture(artifact.Kind, artifact.Path, null);
        if (picture.MediaType is null) return picture;
        var found = new[] { System.IO.Path.Combine(folder, artifact.Path), artifact.Path }.FirstOrDefault(File.Exists);
        return found is null ? picture : picture with { Content = File.ReadAllBytes(found) };
    }
}
