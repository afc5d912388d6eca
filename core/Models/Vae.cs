using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// Encoder q(z|x), decoder p(x|z) and the prior p(z): a standard normal over <see cref="Latent"/> dimensions, or
/// (model.posterior: categorical) a uniform categorical over <see cref="Latent"/> variables of
/// <see cref="ModelConfig.Categories"/> values each, which the decoder reads one-hot. The semi-supervised model M2
/// (Kingma et al. 2014; <see cref="Classes"/> &gt; 0) adds the class y: a classifier q(y|x), an encoder q(z|x,y) reading x
/// and one-hot y, and a decoder p(x|y,z) reading z and one-hot y (M2Objective).
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
    /// <summary>M2's classes (the outputs of <see cref="Classifier"/>); 0 for a model without y.</summary>
    public int Classes { get; }
    /// <summary>M2's q(y|x); null for a model without y.</summary>
    public Classifier? Classifier { get; }
    /// <summary>The hidden layers' activation, encoder and decoder alike.</summary>
    public Activation Activation { get; }

    /// <summary>This model's hand-written training step, or null where it is not the dense VAE on the CPU.</summary>
    public DenseVaeStep? DenseStep => denseStep.Value;
    private readonly Lazy<DenseVaeStep?> denseStep;

    public Vae(ModelConfig config, int inputs, Generator generator, Device device, int classes = 0)
    {
        Inputs = inputs;
        Latent = config.Latent;
        Posterior = config.Posterior;
        Activation = config.Activation;
        Units = IsCategorical ? config.Latent * config.Categories : config.Latent;
        Device = device;
        Classes = classes;
        Encoder = Child("encoder", Encoder.For(inputs + classes, config, generator, device));
        Decoder = Child("decoder", new BernoulliDecoder(Units + classes, config.Decoder, config.DecoderConv, config.Activation, inputs,
            generator, device));
        // Made last, so that the encoder and decoder draw the same initial values as in a model without y.
        if (classes > 0) Classifier = Child("classifier", new Classifier(inputs, config, classes, generator, device));
        denseStep = new Lazy<DenseVaeStep?>(() => DenseVaeStep.For(this));
    }

    /// <summary>The model a run trains: M2's classes come from its data's classes.</summary>
    public static Vae For(RunConfig config, int inputs, Generator generator, Device device) =>
        new(config.Model, inputs, generator, device,
            config.Objective.Kind == ObjectiveKind.M2 ? LabelledSubset.Classes(config.Data).Length : 0);

    public bool IsCategorical => Posterior == PosteriorKind.Categorical;

    /// <summary>Whether this is M2 (Kingma et al. 2014): encoder and decoder also read y.</summary>
    public bool IsM2 => Classes > 0;

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
