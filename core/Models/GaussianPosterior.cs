using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// q(z|x) for a batch: a Gaussian per data point, with the standard normal prior. Samples come as (batch, k, latent),
/// reparameterised so gradients flow to the encoder: the same draws serve training and evaluation.
/// </summary>
public abstract class GaussianPosterior : Posterior
{
    protected const double Log2Pi = 1.8378770664093453;

    protected GaussianPosterior(Tensor mean) : base(mean) { }

    public long Latent => Mean.size(-1);

    /// <summary>z = mean + scale * eps with eps ~ N(0, I) of shape (batch, k, latent); returns z and log q(z|x).</summary>
    public override (Tensor Z, Tensor LogQ) Sample(int k, Generator generator)
    {
        var shape = Mean.shape;
        // Noise in the mean's dtype, so a float64 posterior (the numerical tests) is float64 throughout.
        var eps = Torch.randn([shape[0], k, shape[1]], generator, Mean.dtype, Mean.device);
        return SampleFrom(eps);
    }

    /// <summary>As <see cref="Sample"/> for noise drawn by the caller, eps of shape (batch, k, latent): a pack
    /// draws each run's noise from that run's own generator.</summary>
    public (Tensor Z, Tensor LogQ) SampleFrom(Tensor eps) => (Transform(eps), LogDensityOfNoise(eps));

    /// <summary>mean + scale * eps, for eps of shape (batch, k, latent).</summary>
    protected abstract Tensor Transform(Tensor eps);

    /// <summary>
    /// log q(z|x) at z = Transform(eps). Because scale^{-1}(z - mean) = eps identically in the parameters,
    /// log q = -|eps|^2/2 - log|det scale| - d/2 log 2pi is the same function of the parameters as the density
    /// evaluated at z, so its value and gradient are exact while no triangular solve is needed.
    /// </summary>
    private Tensor LogDensityOfNoise(Tensor eps)
    {
        var quadratic = eps.square().sum(-1) * -0.5;                    // (batch, k)
        var constant = -0.5 * Latent * Log2Pi;
        return (quadratic - LogDetScale().unsqueeze(-1)) + constant;    // (batch, k)
    }

    /// <summary>The posteriors of data points start .. start + length - 1 of this batch: a pack folds its runs into
    /// one batch (run-major), and each run's share is measured as its lone run's posterior would be.</summary>
    public abstract GaussianPosterior Rows(long start, long length);

    /// <summary>log |det scale| per data point, shape (batch).</summary>
    protected abstract Tensor LogDetScale();

    /// <summary>log q(z_n|x_m) of each point z_n of <paramref name="z"/> (n, latent) under each of this batch's m
    /// Gaussians: (n, m). The aggregate posterior's density at z_n is the mean over m of its exponential.</summary>
    public Tensor LogDensityUnderEach(Tensor z)
    {
        var standardised = Standardise(z.unsqueeze(1) - Mean.unsqueeze(0));          // (n, m, latent)
        return standardised.square().sum(-1) * -0.5 - LogDetScale().unsqueeze(0) - 0.5 * Latent * Log2Pi;
    }

    /// <summary>scale_m^{-1} d for differences d = z_n - mean_m of shape (n, m, latent).</summary>
    protected abstract Tensor Standardise(Tensor differences);

    public override Tensor LogPrior(Tensor z) => PriorLogDensity(z);

    /// <summary>log N(z; 0, I) for z of shape (..., latent), summed over the latent dimension.</summary>
    public static Tensor PriorLogDensity(Tensor z) => z.square().sum(-1) * -0.5 - 0.5 * z.size(-1) * Log2Pi;
}
