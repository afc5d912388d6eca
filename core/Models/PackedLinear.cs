using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// n Linear layers of one shape applied to n inputs at once: weight (n, out, in), bias (n, out), x (n, m, in) to
/// (n, m, out) in one baddbmm. The weight keeps torch.nn.Linear's (out, in) layout per run, so run i's slice is
/// exactly a <see cref="Linear"/>'s weight (a checkpoint needs no transpose) and the product reads its transpose.
/// </summary>
public sealed class PackedLinear : Module
{
    public Tensor Weight { get; }
    public Tensor Bias { get; }
    public int OutFeatures { get; }

    /// <summary>Zero parameters; <see cref="PackedVae.FromRuns"/> fills them from the runs' own layers.</summary>
    public PackedLinear(int runs, int inFeatures, int outFeatures, Device device)
    {
        OutFeatures = outFeatures;
        Weight = Parameter("weight", Torch.zeros([runs, outFeatures, inFeatures], device: device));
        Bias = Parameter("bias", Torch.zeros([runs, outFeatures], device: device));
    }

    public Tensor forward(Tensor x)
    {
        using var bias = Bias.unsqueeze(1);
        using var weightT = Weight.transpose(1, 2);
        return Torch.baddbmm(bias, x, weightT);
    }
}
