using System.Globalization;

namespace VaeSweep.Core.Text;

/// <summary>The one way a duration is written, in reports and in progress lines alike.</summary>
public static class DurationText
{
    /// <summary>"12.5s" under a minute, "3m05s" under an hour, "2h03m" above; invariant culture.</summary>
    public static string Format(double seconds)
    {
        if (seconds < 60) return seconds.ToString("F1", CultureInfo.InvariantCulture) + "s";
        var whole = (long)Math.Round(seconds);
        return whole < 3600
            ? string.Create(CultureInfo.InvariantCulture, $"{whole / 60}m{whole % 60:D2}s")
            : string.Create(CultureInfo.InvariantCulture, $"{whole / 3600}h{whole % 3600 / 60:D2}m");
    }
}
