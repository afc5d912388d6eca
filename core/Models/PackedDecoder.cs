using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>n <see cref="BernoulliDecoder"/>s of one configuration, named as the single decoder names its layers.</summary>
public sealed class PackedDecoder : Module
{
    private readonly PackedMlp hidden;
    private readonly PackedLinear output;

    public PackedDecoder(int runs, int latent, IReadOnlyList<int> widths, Activation activation, int outputs, Device device)
    {
        hidden = Child("hidden", new PackedMlp(runs, latent, widths, activation, device));
        output = Child("logits", new PackedLinear(runs, hidden.OutFeatures, outputs, device));
    }

    /// <summary>Logits for z of shape (n, m, latent): (n, m, outputs).</summary>
    public Tensor forward(Tensor z) => output.forward(hidden.forward(z));
}
