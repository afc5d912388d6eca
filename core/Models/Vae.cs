using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>Encoder q(z|x), decoder p(x|z), standard normal prior p(z).</summary>
public sealed class Vae : Module
{
    public GaussianEncoder Encoder { get; }
    public BernoulliDecoder Decoder { get; }
    public int Inputs { get; }
    public int Latent { get; }
    public Device Device { get; }

    public Vae(ModelConfig config, int inputs, Generator generator, Device device)
    {
        Inputs = inputs;
        Latent = config.Latent;
        Device = device;
        Encoder = Child("encoder", new GaussianEncoder(inputs, config, generator, device));
        Decoder = Child("decoder", new BernoulliDecoder(config.Latent, config.Decoder, config.Activation, inputs,
            generator, device));
    }

    /// <summary>
    /// Draws k samples per data point and returns the pieces of the log importance weights, each (batch, k):
    /// log p(x|z), log p(z) and log q(z|x). The k samples are folded into the batch for the decoder (seed 000).
    /// </summary>
    public LogWeightTerms LogWeightTerms(Tensor x, int k, Generator generator) =>
        LogWeightTerms(Encoder.forward(x), x, k, generator);

    /// <summary>As above for a posterior already computed, so evaluation encodes once and samples in chunks.</summary>
    public LogWeightTerms LogWeightTerms(GaussianPosterior posterior, Tensor x, int k, Generator generator)
    {
        var (z, logQ) = posterior.Sample(k, generator);
        var batch = x.size(0);
        var logits = Decoder.forward(z.reshape(batch * k, Latent)).reshape(batch, k, Inputs);
        var logPxz = BernoulliDecoder.LogLikelihoodShared(logits, x);
        var logPz = GaussianPosterior.PriorLogDensity(z);
        return new LogWeightTerms(posterior, z, logPxz, logPz, logQ);
    }
}
