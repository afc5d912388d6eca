using System.Globalization;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.SelfTest;

/// <summary>
/// Checks of the convolutions the convolutional encoders and decoders use, in float64 on small fixed tensors: the
/// forward pass against the sums written out in plain doubles, autograd's gradients against central finite
/// differences, and a grouped convolution (how a pack runs its runs' layers) against the groups run one by one.
/// Each is done for the convolution and for its transpose, at stride 2, padding 1, kernel 4 (the 28 -> 14 -> 7
/// layers) on two input channels and three output channels.
/// </summary>
public static class ConvChecks
{
    private const int Batch = 2, In = 2, Out = 3, Side = 4, Kernel = 4, Stride = 2, Padding = 1;

    /// <summary>A fixed, uneven tensor of <paramref name="n"/> values in (-1, 1).</summary>
    private static double[] Values(int n, int salt) =>
        Enumerable.Range(0, n).Select(i => Math.Sin(1.7 * i + salt) * Math.Cos(0.3 * i * salt + 1)).ToArray();

    private static long[] WeightShape(bool transposed, int groups = 1) =>
        transposed ? [In * groups, Out, Kernel, Kernel] : [Out * groups, In, Kernel, Kernel];

    private static Tensor Apply(bool transposed, Tensor x, Tensor w, Tensor b, int groups = 1) => transposed
        ? Torch.conv_transpose2d(x, w, b, Stride, Padding, groups)
        : Torch.conv2d(x, w, b, Stride, Padding, groups);

    /// <summary>
    /// The convolution as its definition, in doubles: out[n, o, i, j] = b[o] + sum_{c, u, v} w[o, c, u, v]
    /// x[n, c, i s - p + u, j s - p + v] over the pixels inside the image; the transpose scatters instead:
    /// out[n, o, i s - p + u, j s - p + v] += w[c, o, u, v] x[n, c, i, j].
    /// </summary>
    public static double[] Reference(bool transposed, double[] x, double[] w, double[] b, int side)
    {
        var outSide = transposed ? (side - 1) * Stride - 2 * Padding + Kernel : (side + 2 * Padding - Kernel) / Stride + 1;
        var result = new double[Batch * Out * outSide * outSide];
        for (var n = 0; n < Batch; n++)
            for (var o = 0; o < Out; o++)
            {
                var map = result.AsSpan((n * Out + o) * outSide * outSide, outSide * outSide);
                map.Fill(b[o]);
                for (var c = 0; c < In; c++)
                    for (var u = 0; u < Kernel; u++)
                        for (var v = 0; v < Kernel; v++)
                        {
                            var weight = transposed ? w[((c * Out + o) * Kernel + u) * Kernel + v] : w[((o * In + c) * Kernel + u) * Kernel + v];
                            var (small, large) = transposed ? (side, outSide) : (outSide, side);
                            for (var i = 0; i < small; i++)
                                for (var j = 0; j < small; j++)
                                {
                                    var (r, q) = (i * Stride - Padding + u, j * Stride - Padding + v);
                                    if (r < 0 || q < 0 || r >= large || q >= large) continue;
                                    if (transposed) map[r * outSide + q] += weight * x[((n * In + c) * side + i) * side + j];
                                    else map[i * outSide + j] += weight * x[((n * In + c) * side + r) * side + q];
                                }
                        }
            }
        return result;
    }

    /// <summary>conv2d and conv_transpose2d equal <see cref="Reference"/> to float64 rounding.</summary>
    public static CheckResult ForwardMatchesDefinition(Device device, double tolerance = 1e-12)
    {
        using var scope = new DisposeScope();
        var worst = new double[2];
        foreach (var transposed in new[] { false, true })
        {
            var side = transposed ? Side / Stride : Side;
            var (x, w, b) = (Values(Batch * In * side * side, 1), Values(In * Out * Kernel * Kernel, 2), Values(Out, 3));
            var expected = Reference(transposed, x, w, b, side);
            var actual = Apply(transposed, Torch.tensor(x, [Batch, In, side, side], device),
                Torch.tensor(w, WeightShape(transposed), device), Torch.tensor(b, [Out], device)).to(Device.Cpu).data<double>();
            worst[transposed ? 1 : 0] = actual.Length != expected.Length ? double.PositiveInfinity
                : expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        }
        return new CheckResult("conv-vs-definition", worst.Max() <= tolerance,
            Inv($"largest difference from the written-out sums: conv {worst[0]:E1}, transposed {worst[1]:E1} (limit {tolerance:E0})"),
            new Dictionary<string, double> { ["conv"] = worst[0], ["transposed"] = worst[1] });
    }

    /// <summary>
    /// The gradient of f = sum(tanh(conv(x, w, b)) * r) with respect to x, w and b from autograd against central
    /// finite differences (step 1e-6), for the convolution and its transpose: the largest difference.
    /// </summary>
    public static CheckResult GradientsMatchFiniteDifferences(Device device, double tolerance = 1e-6)
    {
        using var scope = new DisposeScope();
        var worst = new double[2];
        foreach (var transposed in new[] { false, true })
        {
            var side = transposed ? Side / Stride : Side;
            long[][] shapes = [[Batch, In, side, side], WeightShape(transposed), [Out]];
            double[][] values = [Values(Batch * In * side * side, 4), Values(In * Out * Kernel * Kernel, 5), Values(Out, 6)];
            var outSide = transposed ? side * Stride : side / Stride;
            var r = Torch.tensor(Values(Batch * Out * outSide * outSide, 7), [Batch, Out, outSide, outSide], device);
            double F(double[][] v, out Tensor[] leaves)
            {
                leaves = v.Select((a, i) => Torch.tensor(a, shapes[i], device).requires_grad_()).ToArray();
                var f = (Apply(transposed, leaves[0], leaves[1], leaves[2]).tanh() * r).sum();
                if (f.requires_grad) f.backward();
                return f.item();
            }
            F(values, out var tensors);
            for (var t = 0; t < values.Length; t++)
            {
                var analytic = tensors[t].grad()!.to(Device.Cpu).data<double>();
                for (var i = 0; i < values[t].Length; i++)
                {
                    using var inner = new DisposeScope();
                    const double h = 1e-6;
                    double At(double delta)
                    {
                        var shifted = values.Select(a => (double[])a.Clone()).ToArray();
                        shifted[t][i] += delta;
                        using var noGrad = Torch.no_grad();
                        return F(shifted, out _);
                    }
                    var numeric = (At(h) - At(-h)) / (2 * h);
                    worst[transposed ? 1 : 0] = Math.Max(worst[transposed ? 1 : 0], Math.Abs(numeric - analytic[i]));
                }
            }
        }
        return new CheckResult("conv-gradient", worst.Max() <= tolerance,
            Inv($"largest autograd - finite-difference gap: conv {worst[0]:E1}, transposed {worst[1]:E1} (limit {tolerance:E0})"),
            new Dictionary<string, double> { ["conv"] = worst[0], ["transposed"] = worst[1] });
    }

    /// <summary>
    /// A convolution with groups = 3 over three stacked inputs (what a pack of three runs computes) against each
    /// run's own convolution, in float32 as training runs: the largest difference, for both directions.
    /// </summary>
    public static CheckResult GroupedEqualsSeparate(Device device, double tolerance = 1e-5)
    {
        using var scope = new DisposeScope();
        const int runs = 3;
        var worst = new double[2];
        foreach (var transposed in new[] { false, true })
        {
            var side = transposed ? Side / Stride : Side;
            var xs = Enumerable.Range(0, runs).Select(i => Torch.tensor(Values(Batch * In * side * side, 10 + i), [Batch, In, side, side], device).to(ScalarType.Float32)).ToList();
            var ws = Enumerable.Range(0, runs).Select(i => Torch.tensor(Values(In * Out * Kernel * Kernel, 20 + i), WeightShape(transposed), device).to(ScalarType.Float32)).ToList();
            var bs = Enumerable.Range(0, runs).Select(i => Torch.tensor(Values(Out, 30 + i), [Out], device).to(ScalarType.Float32)).ToList();
            var grouped = Apply(transposed, Torch.cat(xs, 1), Torch.cat(ws, 0), Torch.cat(bs, 0), groups: runs);
            var separate = Torch.cat(Enumerable.Range(0, runs).Select(i => Apply(transposed, xs[i], ws[i], bs[i])).ToList(), 1);
            worst[transposed ? 1 : 0] = (grouped - separate).abs().reshape(-1).amax(0).item();
        }
        return new CheckResult("grouped-conv-equals-separate", worst.Max() <= tolerance,
            Inv($"largest difference between groups = 3 and three convolutions: conv {worst[0]:E1}, transposed {worst[1]:E1} (limit {tolerance:E0})"),
            new Dictionary<string, double> { ["conv"] = worst[0], ["transposed"] = worst[1] });
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
