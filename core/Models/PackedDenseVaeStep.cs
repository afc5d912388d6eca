using VaeSweep.Core.Tensors;
using static VaeSweep.Core.Tensors.NativeMethods;

namespace VaeSweep.Core.Models;

/// <summary>
/// <see cref="DenseVaeStep"/> for a pack of dense VAEs on the CPU: one native call steps every run on its slices of
/// the stacked parameters, each with its own objective, beta and noise. On the CPU a pack's batched products do the
/// same arithmetic as its runs' products one at a time, so what packing saved there was libtorch's per-op cost,
/// which this step does not pay at all; the pack still makes one process, one claim and one data pass of n runs.
/// </summary>
public sealed class PackedDenseVaeStep
{
    private readonly DenseLayout layout;

    private PackedDenseVaeStep(DenseLayout layout) => this.layout = layout;

    /// <summary>The step for <paramref name="pack"/>, or null when it is not a pack of dense VAEs in float32 on the CPU.</summary>
    internal static PackedDenseVaeStep? For(PackedVae pack)
    {
        var layout = DenseLayout.For(pack.IsM2, pack.IsCategorical, pack.Device,
            pack.Encoder.DenseLayers()?.Select(l => (l.Weight, l.Bias)).ToList(),
            pack.Decoder.DenseLayers()?.Select(l => (l.Weight, l.Bias)).ToList(), pack.Activation, pack.Latent);
        return layout is null ? null : new PackedDenseVaeStep(layout);
    }

    /// <summary>
    /// x (runs, batch, inputs); run r's noise drawn from generators[r] as its lone run draws it. Overwrites every
    /// parameter's gradient and returns the metrics, (runs, 5), as <see cref="PackedStepTerms.Stacked"/>.
    /// </summary>
    public Tensor Run(Tensor x, int k, IReadOnlyList<RunObjective> runs, IReadOnlyList<Generator> generators)
    {
        using var scope = new DisposeScope();
        var batch = x.size(1);
        var eps = Torch.stack(generators.Select(g => Torch.randn([batch, k, layout.Latent], g, x.dtype, x.device)).ToList());
        var objectives = runs.Select(r => DenseLayout.ObjectiveCode(r.Kind, r.Kl)).ToArray();
        var betas = runs.Select(r => r.Beta).ToArray();
        var metrics = Native.Wrap(vs_dense_vae_pack_step(layout.Parameters, layout.EncoderHidden, layout.DecoderHidden,
            layout.Activation, x.Handle, eps.Handle, objectives, betas, out var raw), raw);
        GC.KeepAlive(layout.KeepAlive);
        return scope.MoveToOuter(metrics);
    }
}
