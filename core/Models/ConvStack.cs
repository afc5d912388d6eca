using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// The encoder's convolutional layers (<c>model.encoder_conv</c>), each followed by the activation: flattened 28x28
/// images (batch, 784) to flattened feature maps (batch, channels x side x side), which the dense layers read.
/// </summary>
public sealed class ConvStack : Module
{
    private readonly List<Conv2d> layers = [];
    private readonly Activation activation;
    public int OutFeatures { get; }

    public ConvStack(int inputs, IReadOnlyList<ConvLayer> spec, Activation activation, Generator generator, Device device)
    {
        ConvShapes.RequireImage(inputs);
        this.activation = activation;
        var channels = 1;
        for (var i = 0; i < spec.Count; i++)
        {
            layers.Add(Child(i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new Conv2d(channels, spec[i], transposed: false, generator, device)));
            channels = spec[i].Channels;
        }
        OutFeatures = ConvShapes.Features(spec);
    }

    public Tensor forward(Tensor x)
    {
        var h = x.reshape(x.size(0), 1, ConvLayer.ImageSide, ConvLayer.ImageSide);
        foreach (var layer in layers) h = Activations.Apply(activation, layer.forward(h));
        return h.reshape(x.size(0), OutFeatures);
    }
}
