using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;
using static VaeSweep.Core.Tensors.NativeMethods;

namespace VaeSweep.Core.Models;

/// <summary>
/// The training step of the dense VAE (MLP encoder, diagonal Gaussian posterior, Bernoulli MLP decoder, float32 on
/// the CPU) through the shim's hand-written forward and backward (native/src/dense_vae.cpp) rather than autograd.
/// It computes what <see cref="Objective.Compute"/> and backward compute, to float rounding, from the same noise
/// drawn from the same generator; it only skips libtorch's per-op cost (graph, dispatch, temporaries), which was
/// most of a small model's step. Every other model (convolutions, full covariance, categorical, M2, CUDA) trains
/// through autograd.
/// </summary>
public sealed class DenseVaeStep
{
    private readonly IntPtr[] parameters;
    private readonly IReadOnlyList<Tensor> keepAlive;
    private readonly int encoderHidden, decoderHidden, latent;
    private readonly int activation;

    private DenseVaeStep(IReadOnlyList<Linear> encoder, IReadOnlyList<Linear> decoder, Activation activation, int latent)
    {
        keepAlive = [.. encoder.Concat(decoder).SelectMany(l => new[] { l.Weight, l.Bias })];
        parameters = [.. keepAlive.Select(t => t.Handle.DangerousGetHandle())];
        encoderHidden = encoder.Count - 2;
        decoderHidden = decoder.Count - 1;
        this.latent = latent;
        this.activation = ActivationCode(activation);
    }

    /// <summary>The step for <paramref name="model"/>, or null when it is not the dense VAE in float32 on the CPU.</summary>
    internal static DenseVaeStep? For(Vae model)
    {
        if (model.IsM2 || model.IsCategorical || model.Device.Type != DeviceType.Cpu) return null;
        if (model.Encoder is not GaussianEncoder gaussian) return null;
        var encoder = gaussian.DenseLayers();
        var decoder = model.Decoder.DenseLayers();
        if (encoder is null || decoder is null) return null;
        if (encoder.Concat(decoder).Any(l => l.Weight.dtype != ScalarType.Float32)) return null;
        return new DenseVaeStep(encoder, decoder, model.Activation, model.Latent);
    }

    /// <summary>
    /// Draws the noise (batch, k, latent) from <paramref name="generator"/> as the posterior's Sample does, and
    /// overwrites every parameter's gradient with that of the loss. Returns the step's metrics, (5): loss, elbo,
    /// recon, kl, bound (<see cref="StepTerms.Stacked"/>).
    /// </summary>
    public Tensor Run(Tensor x, ObjectiveKind kind, KlEstimator kl, int k, double beta, Generator generator)
    {
        using var eps = Torch.randn([x.size(0), k, latent], generator, x.dtype, x.device);
        var tensor = Native.Wrap(vs_dense_vae_step(parameters, encoderHidden, decoderHidden, activation, x.Handle,
            eps.Handle, ObjectiveCode(kind, kl), beta, out var metrics), metrics);
        GC.KeepAlive(keepAlive);
        return tensor;
    }

    /// <summary>The shim's code for an objective (vs_dense_vae_step in vaesweep_native.h).</summary>
    internal static int ObjectiveCode(ObjectiveKind kind, KlEstimator kl) => kind switch
    {
        ObjectiveKind.Iwae => 2,
        ObjectiveKind.Vae => kl == KlEstimator.Analytic ? 0 : 1,
        _ => throw new ArgumentException($"objective.kind {kind} does not train through the dense VAE step"),
    };

    /// <summary>The shim's code for an activation.</summary>
    internal static int ActivationCode(Activation activation) => activation switch
    {
        Activation.Tanh => 0,
        Activation.Relu => 1,
        Activation.Elu => 2,
        Activation.Softplus => 3,
        Activation.Sigmoid => 4,
        Activation.LeakyRelu => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };
}
