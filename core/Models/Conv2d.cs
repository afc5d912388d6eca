using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// A convolution of <see cref="ConvLayer"/>'s shape, or (<c>transposed</c>) its transpose with the same kernel,
/// stride and padding, which multiplies the side by the stride where the convolution divides it. Initialised as
/// torch.nn.Conv2d and ConvTranspose2d are: weight and bias uniform in +-1/sqrt(fan_in), fan_in being the weight's
/// second dimension times the kernel's area (for the transpose that is its output channels, as in PyTorch).
/// </summary>
public sealed class Conv2d : Module
{
    public Tensor Weight { get; }
    public Tensor Bias { get; }
    private readonly int stride;
    private readonly int padding;
    private readonly bool transposed;

    public Conv2d(int inChannels, ConvLayer layer, bool transposed, Generator generator, Device device)
        : this(inChannels, layer.Channels, layer, transposed, generator, device) { }

    /// <summary>A layer of <paramref name="layer"/>'s kernel and stride with <paramref name="outChannels"/> instead of its
    /// channels: the decoder's mirror of an encoder layer outputs that layer's input channels.</summary>
    public Conv2d(int inChannels, int outChannels, ConvLayer layer, bool transposed, Generator generator, Device device)
    {
        stride = layer.Stride;
        padding = layer.Padding;
        this.transposed = transposed;
        long[] shape = transposed
            ? [inChannels, outChannels, layer.Kernel, layer.Kernel]
            : [outChannels, inChannels, layer.Kernel, layer.Kernel];
        var bound = 1.0 / Math.Sqrt(shape[1] * layer.Kernel * layer.Kernel);
        Weight = Parameter("weight", Linear.Uniform(shape, bound, generator, device));
        Bias = Parameter("bias", Linear.Uniform([outChannels], bound, generator, device));
    }

    /// <summary>x (batch, in, side, side) to (batch, out, side / stride, side / stride), or side * stride transposed.</summary>
    public Tensor forward(Tensor x) => transposed
        ? Torch.conv_transpose2d(x, Weight, Bias, stride, padding)
        : Torch.conv2d(x, Weight, Bias, stride, padding);
}
