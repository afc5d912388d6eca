using System.Text;
using VaeSweep.Core.Config.Yaml;

namespace VaeSweep.Core.Config;

/// <summary>
/// Loads a sweep file strictly: anything questionable is a <see cref="ConfigException"/> naming
/// file:line:column. Rules that only whole runs reveal (between keys, the run count, duplicate run keys) are
/// checked when the sweep is expanded, by Planning's <c>Planner.LoadFile</c>, which is what commands call.
/// </summary>
public static class ConfigLoader
{
    /// <summary>Sweep files are a few kilobytes; the cap keeps a wrong path (a data file) from being parsed.</summary>
    public const int MaxFileBytes = 1 << 20;

    public static SweepConfig LoadFile(string path)
    {
        var file = new FileInfo(path);
        if (Directory.Exists(path))
            throw new ConfigException(path, SourceLocation.None, null, "is a directory, not a sweep file");
        if (!file.Exists)
            throw new ConfigException(path, SourceLocation.None, null, "no such file");
        if (file.Length > MaxFileBytes)
            throw TooLarge(path, file.Length);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, SourceLocation.None, null, $"cannot read the file: {e.Message}");
        }
        return LoadString(TextFile.Decode(bytes, path), path);
    }

    /// <param name="text">The YAML text.</param>
    /// <param name="sourceName">The name errors are reported against (a path, or e.g. "stored sweep").</param>
    public static SweepConfig LoadString(string text, string sourceName)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxFileBytes) throw TooLarge(sourceName, bytes);
        var root = YamlTreeReader.Read(sourceName, text);
        return new SweepReader(new ReadContext(sourceName)).Read(root, text);
    }

    private static ConfigException TooLarge(string source, long bytes) =>
        new(source, SourceLocation.None, null, $"file is {bytes} bytes; sweep files are limited to {MaxFileBytes} bytes (1 MiB)");
}
