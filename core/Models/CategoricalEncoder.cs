using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>An MLP trunk (after convolutional layers, where given) and one head of logits, latent x categories: the
/// parameters of a <see cref="CategoricalPosterior"/>.</summary>
public sealed class CategoricalEncoder : Encoder
{
    private readonly ConvStack? conv;
    private readonly Mlp trunk;
    private readonly Linear logits;
    private readonly int latent;
    private readonly int categories;

    public CategoricalEncoder(int inputs, ModelConfig config, Generator generator, Device device)
    {
        latent = config.Latent;
        categories = config.Categories;
        if (config.EncoderConv.Count > 0)
        {
            conv = Child("conv", new ConvStack(inputs, config.EncoderConv, config.Activation, generator, device));
            inputs = conv.OutFeatures;
        }
        trunk = Child("trunk", new Mlp(inputs, config.Encoder, config.Activation, generator, device));
        logits = Child("logits", new Linear(trunk.OutFeatures, latent * categories, generator, device));
    }

    public override CategoricalPosterior forward(Tensor x) =>
        CategoricalPosterior.FromLogits(logits.forward(trunk.forward(conv?.forward(x) ?? x)).reshape(-1, latent, categories));
}
