using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// What the shim's dense VAE step reads of a model, lone or packed alike: every layer's weight and bias in order
/// (encoder hidden layers, mean head, log-variance head, decoder hidden layers, logits layer) as raw handles, the
/// hidden layer counts, the latent size and the activation's code. <see cref="DenseVaeStep"/> and
/// <see cref="PackedDenseVaeStep"/> differ only in the call they make with it.
/// </summary>
internal sealed class DenseLayout
{
    /// <summary>The raw handles, gathered once; <see cref="KeepAlive"/> keeps their tensors alive.</summary>
    public IntPtr[] Parameters { get; }
    public IReadOnlyList<Tensor> KeepAlive { get; }
    public int EncoderHidden { get; }
    public int DecoderHidden { get; }
    public int Latent { get; }
    public int Activation { get; }

    private DenseLayout(IReadOnlyList<Tensor> parameters, int encoderLayers, int decoderLayers, int latent, int activation)
    {
        KeepAlive = parameters;
        Parameters = [.. parameters.Select(t => t.Handle.DangerousGetHandle())];
        EncoderHidden = encoderLayers - 2;
        DecoderHidden = decoderLayers - 1;
        Latent = latent;
        Activation = activation;
    }

    /// <summary>
    /// The layout of a model whose encoder and decoder are dense layers only (their DenseLayers, null otherwise), or
    /// null where the step does not apply: M2, a categorical posterior, a device other than the CPU, not float32.
    /// </summary>
    public static DenseLayout? For(bool m2, bool categorical, Device device,
        IReadOnlyList<(Tensor Weight, Tensor Bias)>? encoder, IReadOnlyList<(Tensor Weight, Tensor Bias)>? decoder,
        Activation activation, int latent)
    {
        if (m2 || categorical || device.Type != DeviceType.Cpu || encoder is null || decoder is null) return null;
        var layers = encoder.Concat(decoder).ToList();
        if (layers.Any(l => l.Weight.dtype != ScalarType.Float32)) return null;
        return new DenseLayout([.. layers.SelectMany(l => new[] { l.Weight, l.Bias })], encoder.Count, decoder.Count,
            latent, ActivationCode(activation));
    }

    /// <summary>The shim's code for an objective (vs_dense_vae_step in vaesweep_native.h).</summary>
    public static int ObjectiveCode(ObjectiveKind kind, KlEstimator kl) => kind switch
    {
        ObjectiveKind.Iwae => 2,
        ObjectiveKind.Vae => kl == KlEstimator.Analytic ? 0 : 1,
        _ => throw new ArgumentException($"objective.kind {kind} does not train through the dense VAE step"),
    };

    /// <summary>The shim's code for an activation.</summary>
    private static int ActivationCode(Activation activation) => activation switch
    {
        Config.Activation.Tanh => 0,
        Config.Activation.Relu => 1,
        Config.Activation.Elu => 2,
        Config.Activation.Softplus => 3,
        Config.Activation.Sigmoid => 4,
        Config.Activation.LeakyRelu => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };
}
