using System.Globalization;
using System.Text.RegularExpressions;
using VaeSweep.Core.Config.Yaml;

namespace VaeSweep.Core.Config.Values;

/// <summary>
/// Strict reading of numbers from plain scalars. YAML 1.1 readers (YamlDotNet among them) read <c>010</c> as 8,
/// <c>1:30</c> as 90 and <c>.nan</c> as NaN; a sweep file allows only plain decimal notation, and says why
/// when it sees anything else.
/// </summary>
internal static partial class NumberText
{
    /// <summary>Returns the number's text, or a reason it is not an acceptable decimal number.</summary>
    public static bool TryDecimal(ScalarNode node, out string text, out string? reason)
    {
        text = node.Text.Trim();
        reason = null;
        if (!node.Plain) reason = "quoted text is a string; remove the quotes";
        else if (node.IsNull) reason = "the key has no value";
        else if (Bool().IsMatch(text)) reason = "that is a boolean";
        else if (Hex().IsMatch(text)) reason = "hexadecimal is not allowed; write the number in decimal";
        else if (Octal().IsMatch(text)) reason = "octal is not allowed; write the number in decimal";
        else if (text.Contains(':')) reason = "YAML 1.1 reads 'a:b' as a base-60 number; write the number in decimal";
        else if (NonFinite().IsMatch(text)) reason = "numbers must be finite";
        else if (text.Contains('_')) reason = "digit separators are not allowed";
        else if (LeadingZero().IsMatch(text))
            reason = "a leading zero reads as octal in YAML 1.1; remove the leading zero";
        else if (!Decimal().IsMatch(text)) reason = null;
        else return true;
        return false;
    }

    public static bool TryParseDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static bool IsInteger(string text) => Integer().IsMatch(text);

    [GeneratedRegex(@"^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")]
    private static partial Regex Bool();

    [GeneratedRegex(@"^[-+]?0[xX]")]
    private static partial Regex Hex();

    [GeneratedRegex(@"^[-+]?0[oO]")]
    private static partial Regex Octal();

    [GeneratedRegex(@"^[-+]?\.?(nan|inf|infinity)$", RegexOptions.IgnoreCase)]
    private static partial Regex NonFinite();

    [GeneratedRegex(@"^[-+]?0[0-9]")]
    private static partial Regex LeadingZero();

    [GeneratedRegex(@"^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Decimal();

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();
}
