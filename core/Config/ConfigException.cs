namespace VaeSweep.Core.Config;

/// <summary>
/// A mistake in a sweep file that the user can fix. The message is one line, shaped
/// <c>configs/beta.yaml:12:5: model.latent must be a positive integer (got -4)</c>, so the CLI can print it
/// as it is, without a stack trace.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string source, SourceLocation location, string? keyPath, string detail)
        : base(Format(source, location, detail))
    {
        Source = source;
        Location = location;
        KeyPath = keyPath;
        Detail = detail;
    }

    /// <summary>The file path or display name the error is in.</summary>
    public new string Source { get; }

    public SourceLocation Location { get; }

    public int Line => Location.Line;

    public int Column => Location.Column;

    /// <summary>The dotted key path the error concerns (e.g. <c>model.latent</c>), when there is one.</summary>
    public string? KeyPath { get; }

    /// <summary>The message without the file and position prefix.</summary>
    public string Detail { get; }

    private static string Format(string source, SourceLocation location, string detail) =>
        location.IsKnown ? $"{source}:{location.Line}:{location.Column}: {detail}" : $"{source}: {detail}";
}
