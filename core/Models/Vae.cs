using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// Encoder q(z|x), decoder p(x|z) and the prior p(z): a standard normal over <see cref="Latent"/> dimensions, or
/// (model.posterior: categorical) a uniform categorical over <see cref="Latent"/> variables of
/// <see cref="ModelConfig.Categories"/> values each, which the decoder reads one-hot.
/// </summary>
public sealed class Vae : Module
{
    public Encoder Encoder { get; }
    public BernoulliDecoder Decoder { get; }
    public int Inputs { get; }
    /// <summary>Latent dimensions, or categorical variables.</summary>
    public int Latent { get; }
    /// <summary>The decoder's input width: <see cref="Latent"/>, or latent x categories for one-hot variables.</summary>
    public int Units { get; }
    public PosteriorKind Posterior { get; }
    public Device Device { get; }

    public Vae(ModelConfig config, int inputs, Generator generator, Device device)
    {
        Inputs = inputs;
        Latent = config.Latent;
        Posterior = config.Posterior;
        Units = IsCategorical ? config.Latent * config.Categories : config.Latent;
        Device = device;
        Encoder = Child("encoder", Encoder.For(inputs, config, generator, device));
        Decoder = Child("decoder", new BernoulliDecoder(Units, config.Decoder, config.DecoderConv, config.Activation, inputs,
            generator, device));
    }

    public bool IsCategorical => Posterior == PosteriorKind.Categorical;

    /// <summary>
    /// Draws k samples per data point and returns the pieces of the log importance weights, each (batch, k):
    /// log p(x|z), log p(z) and log q(z|x). The k samples are folded into the batch for the decoder (seed 000).
    /// Categorical samples are exact one-hot draws, so these are the discrete model's weights.
    /// </summary>
    public LogWeightTerms LogWeightTerms(Tensor x, int k, Generator generator) =>
        LogWeightTerms(Encoder.forward(x), x, k, generator);

    /// <summary>As above for a posterior already computed, so evaluation encodes once and samples in chunks.</summary>
    public LogWeightTerms LogWeightTerms(Posterior posterior, Tensor x, int k, Generator generator)
    {
        var (z, logQ) = posterior.Sample(k, generator);
        return new LogWeightTerms(posterior, z, LogLikelihood(z, x), posterior.LogPrior(z), logQ);
    }

    /// <summary>
    /// Training's sample for a categorical model: k Gumbel-softmax samples y per data point at
    /// <paramref name="temperature"/>, and log p(x|y) at each, (batch, k). The posterior comes back for its KL.
    /// </summary>
    public (CategoricalPosterior Posterior, Tensor LogPxz) RelaxedLogLikelihood(Tensor x, int k, double temperature,
        Generator generator)
    {
        var posterior = (CategoricalPosterior)Encoder.forward(x);
        return (posterior, LogLikelihood(posterior.Relaxed(k, temperature, generator), x));
    }

    /// <summary>log p(x|z) for z of shape (batch, k, units) and x (batch, inputs): (batch, k).</summary>
    private Tensor LogLikelihood(Tensor z, Tensor x)
    {
        var batch = x.size(0);
        var k = z.size(1);
        var logits = Decoder.forward(z.reshape(batch * k, Units)).reshape(batch, k, Inputs);
        return BernoulliDecoder.LogLikelihoodShared(logits, x);
    }

    /// <summary><paramref name="n"/> draws from the prior p(z), (n, units): for pictures of samples.</summary>
    public Tensor SamplePrior(int n, Generator generator)
    {
        if (!IsCategorical) return Torch.randn([n, Latent], generator, device: Device);
        using var scope = new DisposeScope();
        var uniform = CategoricalPosterior.Uniform(n, Latent, Units / Latent, Device);
        return scope.MoveToOuter(uniform.Sample(1, generator).Z.reshape(n, Units));
    }
}
