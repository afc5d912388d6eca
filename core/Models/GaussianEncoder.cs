using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// The inference network: an MLP over the flattened input producing the posterior's parameters.
/// By default one trunk feeds every head (pytorch/examples' design). With shared_first_layer, only the first
/// layer is shared and the mean and the scale each get their own remaining hidden layers (seed 003's design).
/// </summary>
public sealed class GaussianEncoder : Encoder
{
    private readonly ConvStack? conv;
    private readonly Mlp trunk;
    private readonly Mlp? scaleBranch;
    private readonly Mlp? meanBranch;
    private readonly Linear mean;
    private readonly Linear logScale;
    private readonly Linear? lower;
    private readonly PosteriorKind posterior;
    private readonly int latent;

    public GaussianEncoder(int inputs, ModelConfig config, Generator generator, Device device)
    {
        posterior = config.Posterior;
        latent = config.Latent;
        var widths = config.Encoder;
        if (config.EncoderConv.Count > 0)
        {
            conv = Child("conv", new ConvStack(inputs, config.EncoderConv, config.Activation, generator, device));
            inputs = conv.OutFeatures;
        }
        int width;
        if (config.SharedFirstLayer && widths.Count > 1)
        {
            trunk = Child("shared", new Mlp(inputs, [widths[0]], config.Activation, generator, device));
            var rest = widths.Skip(1).ToList();
            meanBranch = Child("mean_branch", new Mlp(widths[0], rest, config.Activation, generator, device));
            scaleBranch = Child("scale_branch", new Mlp(widths[0], rest, config.Activation, generator, device));
            width = rest[^1];
        }
        else
        {
            trunk = Child("trunk", new Mlp(inputs, widths, config.Activation, generator, device));
            width = trunk.OutFeatures;
        }
        mean = Child("mean", new Linear(width, latent, generator, device));
        // Diagonal: log-variance. Full: log of the Cholesky factor's diagonal, plus its lower triangle.
        logScale = Child(posterior == PosteriorKind.Full ? "log_diagonal" : "log_var",
            new Linear(width, latent, generator, device));
        if (posterior == PosteriorKind.Full)
            lower = Child("lower", new Linear(width, latent * latent, generator, device));
    }

    /// <summary>The hidden layers, then the mean and log-variance heads, when this encoder is dense layers
    /// over x to a diagonal posterior (what <see cref="DenseVaeStep"/> computes); otherwise null.</summary>
    internal IReadOnlyList<Linear>? DenseLayers() =>
        conv is null && meanBranch is null && posterior == PosteriorKind.Diagonal ? [.. trunk.Layers, mean, logScale] : null;

    public override GaussianPosterior forward(Tensor x)
    {
        var h = trunk.forward(conv?.forward(x) ?? x);
        var hMean = meanBranch?.forward(h) ?? h;
        var hScale = scaleBranch?.forward(h) ?? h;
        var mu = mean.forward(hMean);
        var s = logScale.forward(hScale);
        if (posterior == PosteriorKind.Diagonal) return new DiagonalGaussianPosterior(mu, s);
        var entries = lower!.forward(hScale).reshape(-1, latent, latent);
        return new FullCovarianceGaussianPosterior(mu, s, entries);
    }
}
