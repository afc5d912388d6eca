using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// n <see cref="GaussianEncoder"/>s or n <see cref="CategoricalEncoder"/>s of one configuration, with the same layer
/// names and structure (trunk, or shared first layer and branches; a categorical posterior's trunk and logits head).
/// The posterior comes back with the runs folded into its batch, (n * batch, ...), so the single model's posterior
/// classes do the densities and KL unchanged.
/// </summary>
public sealed class PackedEncoder : Module
{
    private readonly PackedConvStack? conv;
    private readonly PackedMlp trunk;
    private readonly PackedMlp? scaleBranch;
    private readonly PackedMlp? meanBranch;
    private readonly PackedLinear? mean;
    private readonly PackedLinear? logScale;
    private readonly PackedLinear? lower;
    private readonly PackedLinear? logits;
    private readonly PosteriorKind posterior;
    private readonly int latent;
    private readonly int categories;

    public PackedEncoder(int runs, int inputs, ModelConfig config, Device device)
    {
        posterior = config.Posterior;
        latent = config.Latent;
        categories = config.Categories;
        var widths = config.Encoder;
        if (config.EncoderConv.Count > 0)
        {
            conv = Child("conv", new PackedConvStack(runs, inputs, config.EncoderConv, config.Activation, device));
            inputs = conv.OutFeatures;
        }
        int width;
        if (posterior != PosteriorKind.Categorical && config.SharedFirstLayer && widths.Count > 1)
        {
            trunk = Child("shared", new PackedMlp(runs, inputs, [widths[0]], config.Activation, device));
            var rest = widths.Skip(1).ToList();
            meanBranch = Child("mean_branch", new PackedMlp(runs, widths[0], rest, config.Activation, device));
            scaleBranch = Child("scale_branch", new PackedMlp(runs, widths[0], rest, config.Activation, device));
            width = rest[^1];
        }
        else
        {
            trunk = Child("trunk", new PackedMlp(runs, inputs, widths, config.Activation, device));
            width = trunk.OutFeatures;
        }
        if (posterior == PosteriorKind.Categorical)
        {
            logits = Child("logits", new PackedLinear(runs, width, latent * categories, device));
            return;
        }
        mean = Child("mean", new PackedLinear(runs, width, latent, device));
        logScale = Child(posterior == PosteriorKind.Full ? "log_diagonal" : "log_var",
            new PackedLinear(runs, width, latent, device));
        if (posterior == PosteriorKind.Full)
            lower = Child("lower", new PackedLinear(runs, width, latent * latent, device));
    }

    /// <summary>As <see cref="GaussianEncoder.DenseLayers"/>: hidden layers, mean and log-variance heads, or null.</summary>
    internal IReadOnlyList<PackedLinear>? DenseLayers() =>
        conv is null && meanBranch is null && posterior == PosteriorKind.Diagonal ? [.. trunk.Layers, mean!, logScale!] : null;

    /// <summary>x (n, batch, inputs) to the n posteriors, folded to a batch of n * batch (run-major).</summary>
    public Posterior forward(Tensor x)
    {
        var h = trunk.forward(conv?.forward(x) ?? x);
        if (logits is not null) return CategoricalPosterior.FromLogits(logits.forward(h).reshape(-1, latent, categories));
        var hMean = meanBranch?.forward(h) ?? h;
        var hScale = scaleBranch?.forward(h) ?? h;
        var mu = mean!.forward(hMean).reshape(-1, latent);
        var s = logScale!.forward(hScale).reshape(-1, latent);
        if (posterior == PosteriorKind.Diagonal) return new DiagonalGaussianPosterior(mu, s);
        var entries = lower!.forward(hScale).reshape(-1, latent, latent);
        return new FullCovarianceGaussianPosterior(mu, s, entries);
    }
}
