namespace VaeSweep.Core.Pictures;

/// <summary>
/// Points in two dimensions (the latent embedding of a test batch) coloured by class label, drawn from one scaling
/// two ways: <see cref="Svg"/> with axes, tick values, axis names and a legend, which the HTML report shows, and
/// <see cref="Raster"/>, the points alone as a picture file (text belongs in the SVG, not in pixels). Points that
/// are not finite are left out and counted, so a diverged run still gets its picture.
/// </summary>
public sealed class LatentEmbedding
{
    private static readonly Rgb UnknownColour = Rgb.Black;
    private static readonly Rgb FrameColour = new(153, 153, 153);

    /// <param name="points">points[2i], points[2i + 1] = (x, y) of point i.</param>
    /// <param name="labels">The class of each point; a label outside 0..9 (255, unknown) is drawn black.</param>
    public LatentEmbedding(ReadOnlySpan<float> points, ReadOnlySpan<byte> labels, string title, string xName, string yName)
    {
        if (points.Length != 2 * labels.Length)
            throw new ArgumentException($"{points.Length} coordinates for {labels.Length} labels; expected two per point", nameof(points));
        var finite = new List<(double, double, byte)>();
        for (var i = 0; i < labels.Length; i++)
            if (float.IsFinite(points[2 * i]) && float.IsFinite(points[2 * i + 1]))
                finite.Add((points[2 * i], points[2 * i + 1], labels[i]));
        Points = finite;
        NotDrawn = labels.Length - finite.Count;
        (Title, XName, YName) = (title, xName, yName);
        XRange = Range(finite.Select(p => p.Item1));
        YRange = Range(finite.Select(p => p.Item2));
    }

    public IReadOnlyList<(double X, double Y, byte Label)> Points { get; }
    public int NotDrawn { get; }
    public string Title { get; }
    public string XName { get; }
    public string YName { get; }

    /// <summary>The data ranges, padded so the extreme points do not sit on the frame.</summary>
    public (double Lo, double Hi) XRange { get; }
    public (double Lo, double Hi) YRange { get; }

    /// <summary>The classes present, in order, for the legend.</summary>
    public IEnumerable<byte> Classes => Points.Select(p => p.Label).Distinct().Order();

    public static Rgb ClassColour(int label) => label is >= 0 and <= 9 ? Palette.Colour(label) : UnknownColour;

    /// <summary>Where a point falls in the unit square, y upwards.</summary>
    public (double U, double V) Unit(double x, double y) =>
        ((x - XRange.Lo) / (XRange.Hi - XRange.Lo), (y - YRange.Lo) / (YRange.Hi - YRange.Lo));

    public string Svg() => EmbeddingSvg.Render(this);

    /// <summary>The points as 3x3 squares inside a grey frame on a white square of <paramref name="size"/> pixels.</summary>
    public RgbImage Raster(int size = 300)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 16);
        var image = new RgbImage(size, size, FrameColour);
        image.FillRect(1, 1, size - 2, size - 2, Rgb.White);
        foreach (var (x, y, label) in Points)
        {
            var (u, v) = Unit(x, y);
            var px = 3 + (int)Math.Round(u * (size - 7));
            var py = size - 4 - (int)Math.Round(v * (size - 7));
            image.FillRect(px - 1, py - 1, 3, 3, ClassColour(label));
        }
        return image;
    }

    private static (double, double) Range(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? (-1, 1) : AxisTicks.Pad(list.Min(), list.Max(), 0.04);
    }
}
