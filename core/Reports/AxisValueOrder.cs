using System.Globalization;

namespace VaeSweep.Core.Reports;

/// <summary>Orders the values of one axis: numerically when every value is a number, else as first seen.</summary>
internal static class AxisValueOrder
{
    public static IReadOnlyList<string> Sort(IEnumerable<string> values)
    {
        var distinct = values.Distinct().ToList();
        return AllNumeric(distinct) ? distinct.OrderBy(Number).ToList() : distinct;
    }

    public static bool AllNumeric(IReadOnlyCollection<string> values) =>
        values.Count > 0 && values.All(v => TryNumber(v, out _));

    public static double Number(string value) => TryNumber(value, out var x) ? x : double.NaN;

    private static bool TryNumber(string value, out double x) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out x) && double.IsFinite(x);
}
