using VaeSweep.Core.Tensors;

namespace VaeSweep.Tests.Tensors;

/// <summary>Run r of a packed Adam moves exactly as an ordinary Adam with run r's settings moves that run alone.</summary>
public class PackedAdamTests
{
    [Theory]
    [InlineData(ScalarType.Float32, 4)]     // the fused single-pass kernel, shorter than one vector
    [InlineData(ScalarType.Float32, 1003)]  // its vectorised body, runs meeting mid-vector
    [InlineData(ScalarType.Float64, 4)]     // the general path, run by run
    public void Each_run_of_a_pack_steps_bit_identically_to_its_lone_adam(ScalarType type, int n)
    {
        using var scope = new DisposeScope();
        double[] lr = [0.1, 0.003, 0.5];
        double[] b1 = [0.9, 0.8, 0.5];
        double[] b2 = [0.999, 0.9, 0.95];
        double[] eps = [1e-8, 1e-3, 1e-4];
        var start = Enumerable.Range(0, 3 * n).Select(i => 2.5 * Math.Sin(0.7 * i + 0.3)).ToArray();
        var c = Enumerable.Range(0, n).Select(i => (i % 5) - 1.5).ToArray();
        var packed = Torch.tensor(start, [3, n]).to(type).DetachFromDisposeScope().requires_grad_();
        using var _packed = packed;
        using var packedAdam = new PackedAdam([packed], lr, b1, b2, eps);
        // Run 1 starts two steps ahead, as a run resumed from a later checkpoint would.
        packedAdam.StepCounts[1] = 2;
        var lone = Enumerable.Range(0, 3).Select(r =>
            Torch.tensor(start[(r * n)..(r * n + n)], [n]).to(type).DetachFromDisposeScope().requires_grad_()).ToList();
        var loneAdams = Enumerable.Range(0, 3).Select(r => new Adam([lone[r]], lr[r], b1[r], b2[r], eps[r])).ToList();
        loneAdams[1].RestoreStepCount(2);
        var cs = Torch.tensor(c, [n]).to(type);
        for (var step = 0; step < 4; step++)
        {
            // Loss sum(c * p^2 / 2) per run: the gradient depends on the previous update.
            packedAdam.zero_grad();
            (cs * packed.square() * 0.5).sum().backward();
            packedAdam.step();
            for (var r = 0; r < 3; r++)
            {
                loneAdams[r].zero_grad();
                (cs * lone[r].square() * 0.5).sum().backward();
                loneAdams[r].step();
            }
        }
        for (var r = 0; r < 3; r++)
        {
            Assert.Equal(lone[r].to(ScalarType.Float64).data<double>(), packed.select(0, r).to(ScalarType.Float64).data<double>());
            Assert.Equal(loneAdams[r].StepCount, packedAdam.StepCounts[r]);
        }
        foreach (var a in loneAdams) a.Dispose();
        foreach (var t in lone) t.Dispose();
    }

    [Fact]
    public void A_parameter_without_the_run_dimension_is_refused()
    {
        using var p = Torch.zeros([2, 3]).requires_grad_();
        var e = Assert.Throws<ArgumentException>(() => new PackedAdam([p], [0.1, 0.1, 0.1], [0.9, 0.9, 0.9],
            [0.999, 0.999, 0.999], [1e-8, 1e-8, 1e-8]));
        Assert.Contains("3 runs", e.Message);
    }
}
