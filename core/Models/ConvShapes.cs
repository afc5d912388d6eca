using VaeSweep.Core.Config;

namespace VaeSweep.Core.Models;

/// <summary>The sizes a convolutional spec implies, shared by the lone and packed networks.</summary>
public static class ConvShapes
{
    public const int ImageInputs = ConvLayer.ImageSide * ConvLayer.ImageSide;

    public static void RequireImage(int inputs)
    {
        if (inputs != ImageInputs)
            throw new ArgumentException($"convolutional layers read 28x28 images ({ImageInputs} inputs), not {inputs} inputs");
    }

    /// <summary>The last feature map's channels and side.</summary>
    public static (int Channels, int Side) Last(IReadOnlyList<ConvLayer> spec) => ConvLayer.Shapes(spec)[^1];

    /// <summary>The last feature map's size, flattened: what the encoder's dense layers read and the decoder's write.</summary>
    public static int Features(IReadOnlyList<ConvLayer> spec)
    {
        var (channels, side) = Last(spec);
        return channels * side * side;
    }

    /// <summary>The transposed layers mirroring <paramref name="spec"/>: layer i undoes spec layer n-1-i, from that
    /// layer's channels to the channels before it (one, the logits, for the first encoder layer).</summary>
    public static IEnumerable<(int In, int Out, ConvLayer Layer)> Mirror(IReadOnlyList<ConvLayer> spec)
    {
        for (var i = spec.Count - 1; i >= 0; i--)
            yield return (spec[i].Channels, i == 0 ? 1 : spec[i - 1].Channels, spec[i]);
    }
}
