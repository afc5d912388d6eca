using VaeSweep.Core.Tensors;
using static VaeSweep.Tests.Tensors.TensorAssert;

namespace VaeSweep.Tests.Tensors;

public class OpsTests
{
    public static TheoryData<string, Func<Tensor>, double[]> Cases()
    {
        // Expected values computed by hand (or with a calculator) from the definitions.
        double[] a = [1, -2, 3, 0.5], b = [2, 4, -1, 0.25];
        return new()
        {
            { "add", () => D(a, 4) + D(b, 4), [3, 2, 2, 0.75] },
            { "sub scalar on the left", () => 1.0 - D(a, 4), [0, 3, -2, 0.5] },
            { "mul", () => D(a, 4) * D(b, 4), [2, -8, -3, 0.125] },
            { "div scalar on the left", () => 2.0 / D(b, 4), [1, 0.5, -2, 8] },
            { "exp", () => D([0, 1], 2).exp(), [1, Math.E] },
            { "log1p", () => D([0, Math.E - 1], 2).log1p(), [0, 1] },
            { "tanh", () => D([0, 0.5], 2).tanh(), [0, Math.Tanh(0.5)] },
            { "softplus", () => D([0, 2, -30], 3).softplus(), [Math.Log(2), Math.Log(1 + Math.Exp(2)), Math.Exp(-30)] },
            { "log_sigmoid", () => D([0], 1).log_sigmoid(), [-Math.Log(2)] },
            { "relu", () => D(a, 4).relu(), [1, 0, 3, 0.5] },
            { "elu", () => D([-1, 2], 2).elu(), [Math.Exp(-1) - 1, 2] },
            { "sum over dim 1", () => D([1, 2, 3, 4, 5, 6], 2, 3).sum(1), [6, 15] },
            { "mean over all", () => D([1, 2, 3, 4, 5, 6], 2, 3).mean(), [3.5] },
            { "var over dim 0, unbiased", () => D([1, 3, 2, 6], 2, 2).var(0), [0.5, 4.5] },
            { "logsumexp of large values stays finite", () => D([1000, 1000], 1, 2).logsumexp(1), [1000 + Math.Log(2)] },
            { "logsumexp", () => D([0, Math.Log(3)], 1, 2).logsumexp(-1), [Math.Log(4)] },
            { "matmul 2x2 by 2x1", () => D([1, 2, 3, 4], 2, 2).matmul(D([5, 6], 2, 1)), [17, 39] },
            { "linear is x W^T + b", () => Torch.linear(D([1, 2], 1, 2), D([1, 0, 0, 1, 1, 1], 3, 2), D([0, 0, 10], 3)), [1, 2, 13] },
            { "tril below the diagonal", () => D([1, 2, 3, 4], 2, 2).tril(-1), [0, 0, 3, 0] },
            { "diag_embed", () => D([2, 3], 2).diag_embed(), [2, 0, 0, 3] },
            { "transpose", () => D([1, 2, 3, 4, 5, 6], 2, 3).t().contiguous(), [1, 4, 2, 5, 3, 6] },
            { "topk along dim 1, largest first", () => D([3, 1, 4, 1, 5, 9, 2, 6], 2, 4).topk(2, 1), [4, 3, 9, 6] },
            { "narrow", () => D([1, 2, 3, 4, 5, 6], 2, 3).narrow(1, 1, 2).contiguous(), [2, 3, 5, 6] },
            { "cat along 0", () => Torch.cat([D([1, 2], 1, 2), D([3, 4], 1, 2)], 0), [1, 2, 3, 4] },
            { "expand", () => D([1, 2], 2, 1).expand(2, 3).contiguous(), [1, 1, 1, 2, 2, 2] },
            { "bce with logits at 0 is log 2", () => Torch.binary_cross_entropy_with_logits(D([0, 0], 2), D([1, 0], 2)), [Math.Log(2), Math.Log(2)] },
            { "bce with logits, confident and right", () => Torch.binary_cross_entropy_with_logits(D([20], 1), D([1], 1)), [Math.Log(1 + Math.Exp(-20))] },
            { "solve triangular", () => Torch.linalg_solve_triangular(D([2, 0, 1, 4], 2, 2), D([2, 9], 2, 1), upper: false), [1, 2] },
            { "clamp", () => D(a, 4).clamp(0, 1), [1, 0, 1, 0.5] },
            { "gt as float", () => D(a, 4).gt(0.75).to(ScalarType.Float64), [1, 0, 1, 0] },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Op_matches_hand_computed_values(string name, Func<Tensor> op, double[] expected)
    {
        using var scope = new DisposeScope();
        Assert.False(string.IsNullOrEmpty(name));
        Close(expected, op(), 1e-9);
    }

    [Fact]
    public void Shapes_round_trip_through_reshape_and_unsqueeze()
    {
        using var scope = new DisposeScope();
        var x = Torch.zeros([2, 3, 4]);
        Assert.Equal([2L, 3, 4], x.shape);
        Assert.Equal([6L, 4], x.reshape(6, 4).shape);
        Assert.Equal([2L, 1, 3, 4], x.unsqueeze(1).shape);
        Assert.Equal([4L, 2, 3], x.permute(2, 0, 1).shape);
        Assert.Equal(24, x.numel());
    }

    [Fact]
    public void All_finite_detects_nan_and_infinity()
    {
        using var scope = new DisposeScope();
        Assert.True(D([1, 2], 2).all_finite());
        Assert.False(D([1, double.NaN], 2).all_finite());
        Assert.False(D([double.PositiveInfinity], 1).all_finite());
    }

    [Fact]
    public void Float32_data_round_trips_exactly()
    {
        using var scope = new DisposeScope();
        float[] values = [1.5f, -0.25f, 3e-7f, float.MaxValue];
        Assert.Equal(values, Torch.tensor(values, [2, 2]).data<float>());
    }
}
