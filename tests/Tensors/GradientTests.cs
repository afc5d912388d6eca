using VaeSweep.Core.Tensors;

namespace VaeSweep.Tests.Tensors;

public class GradientTests
{
    // f(x, w) = sum(softplus(x w^T + b) * tanh(x)[.., :1]) + logsumexp over rows: a small composite of the ops the
    // models use. Its autograd gradient must match central finite differences in float64.
    private static Tensor F(Tensor x, Tensor w, Tensor b)
    {
        var h = Torch.linear(x, w, b).softplus();                // (2, 3)
        var gate = x.tanh().narrow(1, 0, 1);                     // (2, 1)
        return (h * gate).sum() + h.logsumexp(1).sum() - (x.square() * 0.5).sum();
    }

    [Fact]
    public void Autograd_matches_finite_differences()
    {
        using var scope = new DisposeScope();
        double[] xv = [0.3, -1.2, 0.7, 2.0], wv = [0.5, -0.4, 1.1, 0.2, -0.7, 0.9], bv = [0.1, -0.2, 0.3];
        var x = Torch.tensor(xv, [2, 2]).requires_grad_();
        var w = Torch.tensor(wv, [3, 2]).requires_grad_();
        var b = Torch.tensor(bv, [3]).requires_grad_();
        F(x, w, b).backward();
        var analytic = x.grad()!.data<double>().Concat(w.grad()!.data<double>()).Concat(b.grad()!.data<double>()).ToArray();

        var flat = xv.Concat(wv).Concat(bv).ToArray();
        const double h = 1e-6;
        for (var i = 0; i < flat.Length; i++)
        {
            double Eval(double delta)
            {
                using var inner = new DisposeScope();
                var p = (double[])flat.Clone();
                p[i] += delta;
                return F(Torch.tensor(p[..4], [2, 2]), Torch.tensor(p[4..10], [3, 2]), Torch.tensor(p[10..], [3])).item();
            }
            var numeric = (Eval(h) - Eval(-h)) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) < 1e-6, $"parameter {i}: autograd {analytic[i]}, finite difference {numeric}");
        }
    }

    [Fact]
    public void No_grad_records_nothing_and_detach_cuts_the_graph()
    {
        using var scope = new DisposeScope();
        var x = Torch.tensor([1.0, 2.0], [2]).requires_grad_();
        using (Torch.no_grad())
            Assert.False((x * 2.0).requires_grad);
        Assert.True((x * 2.0).requires_grad);
        Assert.False(x.detach().requires_grad);
    }

    [Fact]
    public void Gradient_is_absent_before_backward_and_cleared_after()
    {
        using var scope = new DisposeScope();
        var x = Torch.tensor([3.0], [1]).requires_grad_();
        Assert.Null(x.grad());
        (x * x).sum().backward();
        Assert.Equal(6.0, x.grad()!.item());
        x.clear_grad();
        Assert.Null(x.grad());
    }
}
