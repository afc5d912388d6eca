using System.Globalization;

namespace VaeSweep.Core.Reports;

/// <summary>
/// Number text for every renderer: invariant culture always, and non-finite values written as what they are
/// (NaN, inf, -inf: the spellings pandas reads back as floats), never as blanks or zeros.
/// </summary>
public static class ReportNumbers
{
    /// <summary>For people: fixed decimals; "-" where nothing was measured.</summary>
    public static string Display(double? value, int decimals = 2) => value switch
    {
        null => "-",
        { } v when !double.IsFinite(v) => NonFinite(v),
        { } v => v.ToString("F" + decimals, CultureInfo.InvariantCulture),
    };

    /// <summary>For data files: shortest round-trip text; empty where nothing was measured.</summary>
    public static string Data(double? value) => value switch
    {
        null => "",
        { } v when !double.IsFinite(v) => NonFinite(v),
        { } v => v.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>A share as a percentage with one decimal: "3.5%".</summary>
    public static string Percent(double share) =>
        double.IsFinite(share) ? (100 * share).ToString("F1", CultureInfo.InvariantCulture) + "%" : NonFinite(share);

    /// <summary>A mean with its interval half-width: "-88.25 ± 0.31".</summary>
    public static string WithInterval(MeanInterval value, int decimals = 2, bool signed = false)
    {
        var mean = Display(value.Mean, decimals);
        if (signed && value.Mean >= 0) mean = "+" + mean;
        return value.HalfWidth is { } h ? $"{mean} ± {Display(h, decimals)}" : mean;
    }

    /// <summary>Seconds as <see cref="Text.DurationText"/> writes them; "-" where nothing was measured.</summary>
    public static string Duration(double? seconds) =>
        seconds is { } s && double.IsFinite(s) ? Text.DurationText.Format(s) : Display(seconds);

    private static string NonFinite(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "inf" : "-inf";
}
