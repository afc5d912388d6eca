using System.Globalization;

namespace VaeSweep.Core.Pictures;

/// <summary>
/// Renders 2-D points (a latent embedding) coloured by class label on a white canvas: axes along the left and
/// bottom of the plot area labelled with the data range, each point a 3x3 square, and a legend of coloured
/// squares with class digits on the right. The data range is stretched to fill the plot area, inset by
/// <see cref="Pad"/> pixels so the extreme points do not cover the axes.
/// </summary>
public sealed class ScatterPlot
{
    /// <summary>Pixels between an axis and the nearest possible point centre.</summary>
    public const int Pad = 4;
    private const int LegendWidth = 44;

    private static readonly Rgb UnknownColour = new(0, 0, 0);
    private static readonly Rgb AxisColour = new(0, 0, 0);

    public ScatterPlot(int width = 400, int height = 320)
    {
        if (width < 120 || height < 80)
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height} is too small for a scatter plot (at least 120x80)");
        Width = width;
        Height = height;
    }

    public int Width { get; }
    public int Height { get; }
    public int PlotLeft => 28;
    public int PlotTop => 6;
    public int PlotRight => Width - LegendWidth;
    public int PlotBottom => Height - 12;

    /// <summary>The colour of a class; labels outside 0..9 (such as 255, unknown) are black.</summary>
    public static Rgb ClassColour(int label) => label is >= 0 and <= 9 ? Palette.Colour(label) : UnknownColour;

    /// <summary>
    /// Draws points[2i], points[2i + 1] = (x, y) of point i in the colour of labels[i]. Points that are not
    /// finite are left out (a diverged run should still get its picture).
    /// </summary>
    public RgbImage Render(ReadOnlySpan<float> points, ReadOnlySpan<byte> labels)
    {
        if (points.Length != 2 * labels.Length)
            throw new ArgumentException($"{points.Length} coordinates for {labels.Length} labels; expected two per point", nameof(points));
        var image = new RgbImage(Width, Height, Rgb.White);
        var (xMin, xMax, yMin, yMax) = Range(points);
        DrawAxes(image, xMin, xMax, yMin, yMax);

        int innerWidth = PlotRight - PlotLeft - 2 * Pad;
        int innerHeight = PlotBottom - PlotTop - 2 * Pad;
        var present = new bool[10];
        for (int i = 0; i < labels.Length; i++)
        {
            float x = points[2 * i], y = points[2 * i + 1];
            if (!float.IsFinite(x) || !float.IsFinite(y)) continue;
            int px = PlotLeft + Pad + (int)Math.Round((x - xMin) / (xMax - xMin) * innerWidth);
            int py = PlotBottom - Pad - (int)Math.Round((y - yMin) / (yMax - yMin) * innerHeight);
            image.FillRect(px - 1, py - 1, 3, 3, ClassColour(labels[i]));
            if (labels[i] <= 9) present[labels[i]] = true;
        }
        DrawLegend(image, present);
        return image;
    }

    /// <summary>The legend row of the n-th class shown: a 7x7 colour square at (PlotRight + 10, top).</summary>
    public int LegendTop(int n) => PlotTop + 2 + n * 14;
    public int LegendLeft => PlotRight + 10;

    private static (double, double, double, double) Range(ReadOnlySpan<float> points)
    {
        double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity;
        double yMin = double.PositiveInfinity, yMax = double.NegativeInfinity;
        for (int i = 0; i + 1 < points.Length; i += 2)
        {
            if (!float.IsFinite(points[i]) || !float.IsFinite(points[i + 1])) continue;
            xMin = Math.Min(xMin, points[i]);
            xMax = Math.Max(xMax, points[i]);
            yMin = Math.Min(yMin, points[i + 1]);
            yMax = Math.Max(yMax, points[i + 1]);
        }
        if (double.IsInfinity(xMin)) return (-1, 1, -1, 1);   // nothing to draw: a neutral range
        // A degenerate range (all points on one line) is widened so the points sit in the middle.
        if (xMax == xMin) (xMin, xMax) = (xMin - 0.5, xMax + 0.5);
        if (yMax == yMin) (yMin, yMax) = (yMin - 0.5, yMax + 0.5);
        return (xMin, xMax, yMin, yMax);
    }

    private void DrawAxes(RgbImage image, double xMin, double xMax, double yMin, double yMax)
    {
        image.FillRect(PlotLeft, PlotTop, 1, PlotBottom - PlotTop + 1, AxisColour);
        image.FillRect(PlotLeft, PlotBottom, PlotRight - PlotLeft + 1, 1, AxisColour);
        string left = Label(xMin), right = Label(xMax), bottom = Label(yMin), top = Label(yMax);
        TinyFont.Draw(image, left, PlotLeft + Pad - TinyFont.Width(left, 1) / 2, PlotBottom + 4, 1, AxisColour);
        TinyFont.Draw(image, right, PlotRight - Pad - TinyFont.Width(right, 1) / 2, PlotBottom + 4, 1, AxisColour);
        TinyFont.Draw(image, bottom, PlotLeft - 3 - TinyFont.Width(bottom, 1), PlotBottom - Pad - 2, 1, AxisColour);
        TinyFont.Draw(image, top, PlotLeft - 3 - TinyFont.Width(top, 1), PlotTop + Pad - 2, 1, AxisColour);
    }

    private static string Label(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture);

    private void DrawLegend(RgbImage image, bool[] present)
    {
        int n = 0;
        for (int label = 0; label <= 9; label++)
        {
            if (!present[label]) continue;
            int top = LegendTop(n++);
            image.FillRect(LegendLeft, top, 7, 7, Palette.Colour(label));
            TinyFont.Draw(image, label.ToString(CultureInfo.InvariantCulture), LegendLeft + 11, top - 1, 2, AxisColour);
        }
    }
}
