using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// The decoder's convolutional part (<c>model.decoder_conv</c>): a projection of the dense layers' output to the
/// deepest feature map, then transposed convolutions mirroring the spec back to one channel of 28x28 logits, with the
/// activation after every layer but the last. (batch, in) to (batch, 784).
/// </summary>
public sealed class DeconvStack : Module
{
    private readonly Linear project;
    private readonly List<Conv2d> layers = [];
    private readonly Activation activation;
    private readonly (int Channels, int Side) first;

    public DeconvStack(int inFeatures, IReadOnlyList<ConvLayer> spec, Activation activation, Generator generator, Device device)
    {
        this.activation = activation;
        first = ConvShapes.Last(spec);
        project = Child("project", new Linear(inFeatures, ConvShapes.Features(spec), generator, device));
        var i = 0;
        foreach (var (channelsIn, channelsOut, layer) in ConvShapes.Mirror(spec))
            layers.Add(Child((i++).ToString(System.Globalization.CultureInfo.InvariantCulture),
                new Conv2d(channelsIn, channelsOut, layer, transposed: true, generator, device)));
    }

    public Tensor forward(Tensor h)
    {
        var x = Activations.Apply(activation, project.forward(h)).reshape(h.size(0), first.Channels, first.Side, first.Side);
        for (var i = 0; i < layers.Count; i++)
        {
            x = layers[i].forward(x);
            if (i < layers.Count - 1) x = Activations.Apply(activation, x);
        }
        return x.reshape(h.size(0), ConvShapes.ImageInputs);
    }
}
