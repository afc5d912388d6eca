using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// n <see cref="Conv2d"/>s of one shape as one grouped convolution (the HFTA idea, Wang et al. 2021): the runs'
/// feature maps are stacked along the channels, x (batch, n * in, side, side), and group r applies run r's weights to
/// run r's channels only. The parameters keep the lone layer's layout behind a leading run dimension, weight
/// (n, out, in, k, k) (transposed: (n, in, out, k, k)) and bias (n, out), so packing and slicing a run needs no
/// conversion; merging the run dimension into the channels for the grouped call is a view.
/// </summary>
public sealed class PackedConv2d : Module
{
    public Tensor Weight { get; }
    public Tensor Bias { get; }
    private readonly int runs;
    private readonly int stride;
    private readonly int padding;
    private readonly bool transposed;

    /// <summary>Zero parameters; <see cref="PackedVae.FromRuns"/> fills them from the runs' own layers.</summary>
    public PackedConv2d(int runs, int inChannels, int outChannels, ConvLayer layer, bool transposed, Device device)
    {
        this.runs = runs;
        stride = layer.Stride;
        padding = layer.Padding;
        this.transposed = transposed;
        long[] shape = transposed
            ? [runs, inChannels, outChannels, layer.Kernel, layer.Kernel]
            : [runs, outChannels, inChannels, layer.Kernel, layer.Kernel];
        Weight = Parameter("weight", Torch.zeros(shape, device: device));
        Bias = Parameter("bias", Torch.zeros([runs, outChannels], device: device));
    }

    /// <summary>x (batch, n * in, side, side) to (batch, n * out, side', side').</summary>
    public Tensor forward(Tensor x)
    {
        var shape = Weight.shape;
        using var weight = Weight.reshape(runs * shape[1], shape[2], shape[3], shape[4]);
        using var bias = Bias.reshape(-1);
        return transposed
            ? Torch.conv_transpose2d(x, weight, bias, stride, padding, groups: runs)
            : Torch.conv2d(x, weight, bias, stride, padding, groups: runs);
    }
}
