using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// p(x|z): an MLP to one logit per pixel, a product of Bernoullis (seed 003). With convolutional layers
/// (<c>model.decoder_conv</c>) the dense layers are followed by transposed convolutions to the 28x28 logits instead
/// of one dense output layer.
/// </summary>
public sealed class BernoulliDecoder : Module
{
    private readonly Mlp hidden;
    private readonly Linear? output;
    private readonly DeconvStack? deconv;

    public BernoulliDecoder(int latent, IReadOnlyList<int> widths, IReadOnlyList<ConvLayer> conv, Activation activation,
        int outputs, Generator generator, Device device)
    {
        hidden = Child("hidden", new Mlp(latent, widths, activation, generator, device));
        if (conv.Count == 0)
            output = Child("logits", new Linear(hidden.OutFeatures, outputs, generator, device));
        else
        {
            ConvShapes.RequireImage(outputs);
            deconv = Child("deconv", new DeconvStack(hidden.OutFeatures, conv, activation, generator, device));
        }
    }

    /// <summary>The hidden layers, then the logits layer, when this decoder is dense layers only; otherwise null.</summary>
    internal IReadOnlyList<Linear>? DenseLayers() => output is null ? null : [.. hidden.Layers, output];

    /// <summary>Logits for z of shape (n, latent): (n, outputs).</summary>
    public Tensor forward(Tensor z)
    {
        var h = hidden.forward(z);
        return output is not null ? output.forward(h) : deconv!.forward(h);
    }

    /// <summary>log p(x|z) = -BCE(logits, x) summed over pixels; logits (..., D), x broadcastable to them.</summary>
    public static Tensor LogLikelihood(Tensor logits, Tensor x) =>
        -Torch.binary_cross_entropy_with_logits(logits, x).sum(-1);

    /// <summary>
    /// The same for k samples sharing one x: logits (..., batch, k, D), x (..., batch, D), result (..., batch, k) (a pack
    /// adds a leading run dimension). It uses
    /// -BCE(l, x) = x l - softplus(l), which holds for any x in [0, 1], so the logits are read twice instead of
    /// going through BCE's several full-size temporaries. Without gradients (evaluation, k = 5000) the x-term is one
    /// batched matrix-vector product: the evaluation spends most of its time here (measured 1.3x faster overall).
    /// With gradients (training) it is a product and a sum instead, because libtorch 1.13's batched-product backward
    /// makes one outer product per data point: at batch 100 it took 0.47 ms per step at k = 1 against 0.06 ms,
    /// and was still slower at k = 50 (scripts/bench-side-by-side.sh measures the whole step).
    /// </summary>
    public static Tensor LogLikelihoodShared(Tensor logits, Tensor x)
    {
        var xl = logits.requires_grad
            ? (logits * x.unsqueeze(-2)).sum(-1)
            : logits.matmul(x.unsqueeze(-1)).squeeze(-1);
        return xl - logits.softplus().sum(-1);
    }
}
