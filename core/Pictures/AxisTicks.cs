using System.Globalization;

namespace VaeSweep.Core.Pictures;

/// <summary>The axis arithmetic the SVG pictures share: padded ranges, round tick values and their labels.</summary>
internal static class AxisTicks
{
    /// <summary>The range widened by a fraction of itself; a range of one value is widened to one either side.</summary>
    public static (double Lo, double Hi) Pad(double lo, double hi, double fraction)
    {
        if (hi - lo < 1e-12) return (lo - 1, hi + 1);
        var pad = (hi - lo) * fraction;
        return (lo - pad, hi + pad);
    }

    /// <summary>About five ticks at 1, 2 or 5 times a power of ten.</summary>
    public static List<double> Nice(double lo, double hi)
    {
        var raw = (hi - lo) / 5;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(m => m * power).First(s => s >= raw);
        var ticks = new List<double>();
        for (var t = Math.Ceiling(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        return ticks;
    }

    /// <summary>One tick per power of ten between lo and hi (given as powers).</summary>
    public static List<(double, string)> Log(double lo, double hi) =>
        Enumerable.Range((int)Math.Ceiling(lo - 1e-9), (int)Math.Floor(hi + 1e-9) - (int)Math.Ceiling(lo - 1e-9) + 1)
            .Select(p => (Math.Pow(10, p), Label(Math.Pow(10, p)))).ToList();

    public static string Label(double v) => v.ToString(Math.Abs(v) >= 1e5 || (v != 0 && Math.Abs(v) < 1e-3) ? "0.#e0" : "0.###", CultureInfo.InvariantCulture);
}
