using VaeSweep.Core.Tensors;

namespace VaeSweep.Tests.Tensors;

public class AdamTests
{
    // The update of Kingma & Ba (2015), Algorithm 1, computed here in plain doubles.
    private static double[] Reference(double[] p, double[][] grads, double lr, double b1, double b2, double eps)
    {
        var theta = (double[])p.Clone();
        var m = new double[p.Length];
        var v = new double[p.Length];
        for (var t = 1; t <= grads.Length; t++)
            for (var i = 0; i < p.Length; i++)
            {
                var g = grads[t - 1][i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                var mHat = m[i] / (1 - Math.Pow(b1, t));
                var vHat = v[i] / (1 - Math.Pow(b2, t));
                theta[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }
        return theta;
    }

    [Theory]
    [InlineData(ScalarType.Float32, 1e-5)]  // the fused single-pass kernel
    [InlineData(ScalarType.Float64, 1e-12)] // the general path
    public void Three_steps_match_the_hand_computed_update(ScalarType type, double tolerance)
    {
        using var scope = new DisposeScope();
        double[] start = [0.5, -1.5, 2.0];
        // Loss sum(c * p^2 / 2) has gradient c * p: each step's gradient depends on the previous update.
        double[] c = [1.0, 3.0, -0.5];
        var p = Torch.tensor(start, [3]).to(type).DetachFromDisposeScope().requires_grad_();
        using var _p = p;
        using var adam = new Adam([p], lr: 0.1, beta1: 0.8, beta2: 0.9, eps: 1e-3);
        var cs = Torch.tensor(c, [3]).to(type);
        var grads = new List<double[]>();
        for (var step = 0; step < 3; step++)
        {
            var now = p.to(ScalarType.Float64).data<double>();
            grads.Add(now.Select((x, i) => c[i] * x).ToArray());
            adam.zero_grad();
            (cs * p.square() * 0.5).sum().backward();
            adam.step();
        }
        var expected = Reference(start, grads.ToArray(), 0.1, 0.8, 0.9, 1e-3);
        TensorAssert.Close(expected, p, tolerance);
        Assert.Equal(3, adam.StepCount);
    }

    [Fact]
    public void A_parameter_without_gradient_is_left_alone()
    {
        using var scope = new DisposeScope();
        var used = Torch.tensor([1.0f], [1]).DetachFromDisposeScope().requires_grad_();
        var unused = Torch.tensor([7.0f], [1]).DetachFromDisposeScope().requires_grad_();
        using var _u = used;
        using var _n = unused;
        using var adam = new Adam([used, unused], lr: 0.5);
        (used * 2.0).sum().backward();
        adam.step();
        Assert.Equal(7.0f, unused.data<float>()[0]);
        Assert.NotEqual(1.0f, used.data<float>()[0]);
    }
}
