using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// n <see cref="Vae"/>s of one configuration trained together: every parameter is the runs' parameters stacked
/// along a leading run dimension, under the single model's names, and each layer is one batched product. Run i of
/// a pack is its lone Vae: <see cref="FromRuns"/> packs models built (and initialised by their own seeds) as a
/// single run builds them, and <see cref="CopyRunInto"/> gives run i back as an ordinary Vae.
/// </summary>
public sealed class PackedVae : Module
{
    public PackedEncoder Encoder { get; }
    public PackedDecoder Decoder { get; }
    public int Runs { get; }
    public int Inputs { get; }
    /// <summary>Latent dimensions, or categorical variables.</summary>
    public int Latent { get; }
    /// <summary>The decoder's input width, as <see cref="Vae.Units"/>.</summary>
    public int Units { get; }
    public bool IsCategorical { get; }
    public Device Device { get; }
    /// <summary>M2's classes, as <see cref="Vae.Classes"/>; 0 for a model without y.</summary>
    public int Classes { get; }
    /// <summary>M2's q(y|x) per run; null for a model without y.</summary>
    public PackedClassifier? Classifier { get; }
    /// <summary>The hidden layers' activation, as <see cref="Vae.Activation"/>.</summary>
    public Activation Activation { get; }

    /// <summary>This pack's hand-written training step, or null where it is not the dense VAE on the CPU.</summary>
    public PackedDenseVaeStep? DenseStep => denseStep.Value;
    private readonly Lazy<PackedDenseVaeStep?> denseStep;

    private PackedVae(ModelConfig config, int inputs, int runs, Device device, int classes)
    {
        Runs = runs;
        Inputs = inputs;
        Latent = config.Latent;
        IsCategorical = config.Posterior == PosteriorKind.Categorical;
        Units = IsCategorical ? config.Latent * config.Categories : config.Latent;
        Device = device;
        Classes = classes;
        Activation = config.Activation;
        denseStep = new Lazy<PackedDenseVaeStep?>(() => PackedDenseVaeStep.For(this));
        // In the lone model's order (Vae), so that the parameters line up name by name.
        Encoder = Child("encoder", new PackedEncoder(runs, inputs + classes, config, device));
        Decoder = Child("decoder", new PackedDecoder(runs, Units + classes, config, inputs, device));
        if (classes > 0) Classifier = Child("classifier", new PackedClassifier(runs, inputs, config, classes, device));
    }

    public bool IsM2 => Classes > 0;

    /// <summary>Stacks the runs' parameters (in <see cref="RunLayout"/>), run r at index r; every model must have <paramref name="config"/>'s
    /// architecture (same names and shapes).</summary>
    public static PackedVae FromRuns(ModelConfig config, IReadOnlyList<Vae> runs)
    {
        if (runs.Count == 0) throw new ArgumentException("a pack needs at least one run", nameof(runs));
        var packed = new PackedVae(config, runs[0].Inputs, runs.Count, runs[0].Device, runs[0].Classes);
        var sources = runs.Select(r => r.NamedParameters().ToList()).ToList();
        using var noGrad = Torch.no_grad();
        using var scope = new DisposeScope();
        var i = 0;
        foreach (var (name, target) in packed.NamedParameters())
        {
            var slices = sources.Select(s => s[i].Name == name ? s[i].Tensor
                : throw new ArgumentException($"run parameter '{s[i].Name}' does not match the pack's '{name}'")).ToList();
            target.copy_(Torch.stack(slices.Select(RunLayout).ToList()));
            i++;
        }
        return packed;
    }

    /// <summary>Copies run <paramref name="run"/>'s parameters into a lone model of the same architecture.</summary>
    public void CopyRunInto(int run, Vae target)
    {
        using var noGrad = Torch.no_grad();
        using var scope = new DisposeScope();
        foreach (var ((_, mine), (_, theirs)) in NamedParameters().Zip(target.NamedParameters()))
            theirs.copy_(RunLayout(mine.select(0, run)));
    }

    /// <summary>
    /// Between a run's layout and its slice of the pack, both ways: a Linear weight (out, in) is (in, out) in the
    /// pack (see <see cref="PackedLinear"/>), every other parameter (biases, convolution weights) is the same. For parameters and for
    /// Adam's moments alike.
    /// </summary>
    public static Tensor RunLayout(Tensor t) => t.dim() == 2 ? t.t() : t;

    /// <summary>
    /// <see cref="Vae.LogWeightTerms(Tensor, int, Generator)"/> for the pack: x (n, batch, inputs), run r's noise from
    /// generators[r]; each term comes back (n, batch, k), the posterior folded as (n * batch, ...).
    /// </summary>
    public LogWeightTerms LogWeightTerms(Tensor x, int k, IReadOnlyList<Generator> generators)
    {
        if (IsCategorical) throw new InvalidOperationException("a categorical pack trains on relaxed samples (RelaxedLogLikelihood)");
        var posterior = (GaussianPosterior)Encoder.forward(x);
        var batch = x.size(1);
        // Each run draws its (batch, k, latent) noise from its own generator, exactly as its lone run would.
        var eps = Torch.stack(generators.Select(g => posterior.Noise(batch, k, g)).ToList());
        return LogWeightTerms(posterior, x, eps.reshape(Runs * batch, k, Latent));
    }

    /// <summary>
    /// The same for a posterior already computed (evaluation encodes once and samples in chunks) and its noise
    /// (<see cref="Posterior.Noise"/>) for the n * batch folded points, run-major as the posterior is folded: the
    /// terms of the k draws that noise makes, exact one-hot draws for a categorical posterior.
    /// </summary>
    public LogWeightTerms LogWeightTerms(Posterior posterior, Tensor x, Tensor noise)
    {
        var batch = x.size(1);
        var k = noise.size(1);
        var (z, logQ) = posterior.SampleFrom(noise);
        var logits = Decoder.forward(z.reshape(Runs, batch * k, Units)).reshape(Runs, batch, k, Inputs);
        var logPxz = BernoulliDecoder.LogLikelihoodShared(logits, x);
        var logPz = posterior.LogPrior(z).reshape(Runs, batch, k);
        return new LogWeightTerms(posterior, z, logPxz, logPz, logQ.reshape(Runs, batch, k));
    }

    /// <summary>
    /// <see cref="Vae.RelaxedLogLikelihood"/> for a categorical pack: x (n, batch, inputs), run r's Gumbel noise from
    /// generators[r] (drawn exactly as its lone run draws it) and its own temperature; log p(x|y) comes back
    /// (n, batch, k), the posterior folded as (n * batch, L, C).
    /// </summary>
    /// <param name="inverseTemperatures">1 / tau per run: a lone run's division by tau multiplies by it in float.</param>
    public (CategoricalPosterior Posterior, Tensor LogPxz) RelaxedLogLikelihood(Tensor x, int k,
        IReadOnlyList<double> inverseTemperatures, IReadOnlyList<Generator> generators)
    {
        var posterior = (CategoricalPosterior)Encoder.forward(x);
        var batch = x.size(1);
        var (l, c) = (posterior.Variables, posterior.Categories);
        var gumbel = Torch.stack(generators.Select(g =>
            CategoricalPosterior.Gumbel(batch, k, l, c, g, posterior.LogProbs.dtype, x.device)).ToList());  // (n, batch, k, L, C)
        var scale = Torch.tensor(inverseTemperatures.Select(t => (float)t).ToArray(), [Runs, 1, 1, 1, 1], x.device);
        var y = CategoricalPosterior.Concrete((posterior.LogProbs.reshape(Runs, batch, 1, l, c) + gumbel) * scale);
        var logits = Decoder.forward(y.reshape(Runs, batch * k, Units)).reshape(Runs, batch, k, Inputs);
        return (posterior, BernoulliDecoder.LogLikelihoodShared(logits, x));
    }
}
