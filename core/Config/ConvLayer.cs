namespace VaeSweep.Core.Config;

/// <summary>
/// One convolutional layer of <c>model.encoder_conv</c> or <c>model.decoder_conv</c>: <see cref="Channels"/> output
/// channels from a square kernel of side <see cref="Kernel"/> at <see cref="Stride"/>, written <c>[channels, kernel,
/// stride]</c>. The padding is (kernel - stride) / 2, so a layer divides the image side by its stride exactly
/// (28 -> 14 -> 7 at kernel 4, stride 2, padding 1) and the transposed layer with the same numbers multiplies it back.
/// </summary>
public sealed record ConvLayer(int Channels, int Kernel, int Stride)
{
    /// <summary>The side of the images the convolutional networks read and write (every data set is 28x28).</summary>
    public const int ImageSide = 28;

    public int Padding => (Kernel - Stride) / 2;

    /// <summary>Why this layer cannot take a side of <paramref name="side"/> exactly to side / stride, or null when it can.</summary>
    public string? Misfit(int side)
    {
        if (Kernel < Stride) return $"its kernel {Kernel} is smaller than its stride {Stride}, so it would skip pixels";
        if ((Kernel - Stride) % 2 != 0)
            return $"kernel {Kernel} minus stride {Stride} is odd, so no padding divides the side by the stride exactly";
        if (side % Stride != 0) return $"the side {side} it receives is not a multiple of its stride {Stride}";
        return null;
    }

    /// <summary>The (channels, side) of the feature map after each layer of <paramref name="layers"/>, starting from one
    /// channel of <see cref="ImageSide"/>; the layers must fit (the configuration refuses those that do not).</summary>
    public static IReadOnlyList<(int Channels, int Side)> Shapes(IReadOnlyList<ConvLayer> layers)
    {
        var shapes = new List<(int, int)>();
        var side = ImageSide;
        foreach (var layer in layers)
        {
            if (layer.Misfit(side) is { } why) throw new ArgumentException($"[{layer.Channels}, {layer.Kernel}, {layer.Stride}]: {why}");
            side /= layer.Stride;
            shapes.Add((layer.Channels, side));
        }
        return shapes;
    }
}
