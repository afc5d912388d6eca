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
    private readonly DenseLayout layout;

    private DenseVaeStep(DenseLayout layout) => this.layout = layout;

    /// <summary>The step for <paramref name="model"/>, or null when it is not the dense VAE in float32 on the CPU.</summary>
    internal static DenseVaeStep? For(Vae model)
    {
        var layout = DenseLayout.For(model.IsM2, model.IsCategorical, model.Device,
            (model.Encoder as GaussianEncoder)?.DenseLayers()?.Select(l => (l.Weight, l.Bias)).ToList(),
            model.Decoder.DenseLayers()?.Select(l => (l.Weight, l.Bias)).ToList(), model.Activation, model.Latent);
        return layout is null ? null : new DenseVaeStep(layout);
    }

    /// <summary>
    /// Draws the noise (batch, k, latent) from <paramref name="generator"/> as the posterior's Sample does, and
    /// overwrites every parameter's gradient with that of the loss. Returns the step's metrics, (5): loss, elbo,
    /// recon, kl, bound (<see cref="StepTerms.Stacked"/>).
    /// </summary>
    public Tensor Run(Tensor x, ObjectiveKind kind, KlEstimator kl, int k, double beta, Generator generator)
    {
        using var eps = Torch.randn([x.size(0), k, layout.Latent], generator, x.dtype, x.device);
        var tensor = Native.Wrap(vs_dense_vae_step(layout.Parameters, layout.EncoderHidden, layout.DecoderHidden,
            layout.Activation, x.Handle, eps.Handle, DenseLayout.ObjectiveCode(kind, kl), beta, out var metrics), metrics);
        GC.KeepAlive(layout.KeepAlive);
        return tensor;
    }
}
