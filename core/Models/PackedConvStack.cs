using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>n <see cref="ConvStack"/>s of one spec as <see cref="PackedConv2d"/>s, named as ConvStack names its layers.</summary>
public sealed class PackedConvStack : Module
{
    private readonly List<PackedConv2d> layers = [];
    private readonly Activation activation;
    private readonly int runs;
    public int OutFeatures { get; }

    public PackedConvStack(int runs, int inputs, IReadOnlyList<ConvLayer> spec, Activation activation, Device device)
    {
        ConvShapes.RequireImage(inputs);
        this.runs = runs;
        this.activation = activation;
        var channels = 1;
        for (var i = 0; i < spec.Count; i++)
        {
            layers.Add(Child(i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new PackedConv2d(runs, channels, spec[i].Channels, spec[i], transposed: false, device)));
            channels = spec[i].Channels;
        }
        OutFeatures = ConvShapes.Features(spec);
    }

    /// <summary>x (n, batch, 784) to (n, batch, features): the runs go into the channels and come back out.</summary>
    public Tensor forward(Tensor x)
    {
        var batch = x.size(1);
        var h = x.transpose(0, 1).reshape(batch, runs, ConvLayer.ImageSide, ConvLayer.ImageSide);
        foreach (var layer in layers) h = Activations.Apply(activation, layer.forward(h));
        return h.reshape(batch, runs, OutFeatures).transpose(0, 1);
    }
}
