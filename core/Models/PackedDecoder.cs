using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>n <see cref="BernoulliDecoder"/>s of one configuration, named as the single decoder names its layers.</summary>
public sealed class PackedDecoder : Module
{
    private readonly PackedMlp hidden;
    private readonly PackedLinear? output;
    private readonly PackedDeconvStack? deconv;

    public PackedDecoder(int runs, int latent, ModelConfig config, int outputs, Device device)
    {
        hidden = Child("hidden", new PackedMlp(runs, latent, config.Decoder, config.Activation, device));
        if (config.DecoderConv.Count == 0)
            output = Child("logits", new PackedLinear(runs, hidden.OutFeatures, outputs, device));
        else
        {
            ConvShapes.RequireImage(outputs);
            deconv = Child("deconv", new PackedDeconvStack(runs, hidden.OutFeatures, config.DecoderConv, config.Activation, device));
        }
    }

    /// <summary>As <see cref="BernoulliDecoder.DenseLayers"/>: hidden layers, then the logits layer, or null.</summary>
    internal IReadOnlyList<PackedLinear>? DenseLayers() => output is null ? null : [.. hidden.Layers, output];

    /// <summary>Logits for z of shape (n, m, latent): (n, m, outputs).</summary>
    public Tensor forward(Tensor z)
    {
        var h = hidden.forward(z);
        return output is not null ? output.forward(h) : deconv!.forward(h);
    }
}
