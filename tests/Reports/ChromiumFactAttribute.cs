namespace VaeSweep.Tests.Reports;

/// <summary>A fact that needs headless Chromium (Debian package <c>chromium</c>); skipped, with the reason,
/// where it is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Path = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Path)) Skip = $"{Path} not found: install the Debian package 'chromium' to run HTML report tests";
    }
}
