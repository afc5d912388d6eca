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

    /// <summary>eps ~ N(0, I) of shape (batch, k, latent), in the mean's dtype, so a float64 posterior (the
    /// numerical tests) is float64 throughout; <see cref="SampleFrom"/> makes z = mean + scale * eps of it.</summary>
    public override Tensor Noise(long batch, int k, Generator generator) =>
        Torch.randn([batch, k, Latent], generator, Mean.dtype, Mean.device);

    /// <summary>z = mean + scale * eps and log q(z|x) for eps of shape (batch, k, latent), reparameterised so
    /// gradients flow to the encoder: a pack draws each run's noise from that run's own generator.</summary>
    public override (Tensor Z, Tensor LogQ) SampleFrom(Tensor eps) => (Transform(eps), LogDensityOfNoise(eps));

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

    public abstract override GaussianPosterior Rows(long start, long length);

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
