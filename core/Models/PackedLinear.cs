using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// n Linear layers of one shape applied to n inputs at once: weight (n, in, out), bias (n, out), x (n, m, in) to
/// (n, m, out) in one baddbmm. The weight is stored transposed relative to torch.nn.Linear's (out, in), so the
/// product and its backward read and write it in place: with (n, out, in) read through a transposed view, every
/// step paid a transposing copy of each weight's gradient (measured: a pack of 1 about 20% slower than a lone run).
/// <see cref="PackedVae.RunLayout"/> converts between the two layouts when a pack is built or sliced.
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
        Weight = Parameter("weight", Torch.zeros([runs, inFeatures, outFeatures], device: device));
        Bias = Parameter("bias", Torch.zeros([runs, outFeatures], device: device));
    }

    /// <summary>
    /// ATen's CPU baddbmm multiplies each run's matrices with a plain loop of its own when rows x in x out is under
    /// 400, and through addmm (BLAS) otherwise (bmm_out_or_baddbmm_ in LinearAlgebra.cpp); the backward's two products
    /// have the same three sizes. The two round differently, so a pack of one goes through baddbmm too below this
    /// size, or its bits would differ from the same run's in a wider pack (an M2 classifier's 2 logits over 10
    /// labelled examples did).
    /// </summary>
    private const long SmallProduct = 400;

    public Tensor forward(Tensor x)
    {
        if (Weight.size(0) == 1 && x.size(1) * Weight.size(1) * Weight.size(2) >= SmallProduct)
        {
            // A pack of one takes the lone run's kernel (addmm, as torch.nn.Linear does): baddbmm over a single
            // batch measured about 15% slower per step on CPU (bench --pack 1 against bench, 1 thread). Below
            // SmallProduct it must not: there a wider pack's baddbmm takes another kernel.
            using var x0 = x.squeeze(0);
            using var w0 = Weight.squeeze(0);
            using var b0 = Bias.squeeze(0);
            using var y = Torch.addmm(b0, x0, w0);
            return y.unsqueeze(0);
        }
        using var bias = Bias.unsqueeze(1);
        return Torch.baddbmm(bias, x, Weight);
    }
}
