using static VaeSweep.Core.Tensors.NativeMethods;

namespace VaeSweep.Core.Tensors;

// Elementwise ops and operators.
public sealed partial class Tensor
{
    public Tensor neg() => Native.Wrap(vs_neg(Handle, out var r), r);
    public Tensor exp() => Native.Wrap(vs_exp(Handle, out var r), r);
    public Tensor log() => Native.Wrap(vs_log(Handle, out var r), r);
    public Tensor log1p() => Native.Wrap(vs_log1p(Handle, out var r), r);
    public Tensor sqrt() => Native.Wrap(vs_sqrt(Handle, out var r), r);
    public Tensor square() => Native.Wrap(vs_square(Handle, out var r), r);
    public Tensor abs() => Native.Wrap(vs_abs(Handle, out var r), r);
    public Tensor tanh() => Native.Wrap(vs_tanh(Handle, out var r), r);
    public Tensor sigmoid() => Native.Wrap(vs_sigmoid(Handle, out var r), r);
    public Tensor relu() => Native.Wrap(vs_relu(Handle, out var r), r);
    public Tensor softplus() => Native.Wrap(vs_softplus(Handle, out var r), r);
    public Tensor log_sigmoid() => Native.Wrap(vs_log_sigmoid(Handle, out var r), r);
    public Tensor elu(double alpha = 1.0) => Native.Wrap(vs_elu(Handle, alpha, out var r), r);
    public Tensor leaky_relu(double slope = 0.01) => Native.Wrap(vs_leaky_relu(Handle, slope, out var r), r);
    public Tensor isfinite() => Native.Wrap(vs_isfinite(Handle, out var r), r);

    /// <summary>True when no element is NaN or infinite (one native call, one boolean back).</summary>
    public bool all_finite()
    {
        Native.Check(vs_all_finite(Handle, out var flag));
        return flag != 0;
    }

    public Tensor add(Tensor other, double alpha = 1.0) => Native.Wrap(vs_add(Handle, other.Handle, alpha, out var r), r);
    public Tensor sub(Tensor other) => Native.Wrap(vs_sub(Handle, other.Handle, out var r), r);
    public Tensor mul(Tensor other) => Native.Wrap(vs_mul(Handle, other.Handle, out var r), r);
    public Tensor div(Tensor other) => Native.Wrap(vs_div(Handle, other.Handle, out var r), r);
    public Tensor maximum(Tensor other) => Native.Wrap(vs_maximum(Handle, other.Handle, out var r), r);
    public Tensor minimum(Tensor other) => Native.Wrap(vs_minimum(Handle, other.Handle, out var r), r);
    public Tensor gt(Tensor other) => Native.Wrap(vs_gt(Handle, other.Handle, out var r), r);
    public Tensor lt(Tensor other) => Native.Wrap(vs_lt(Handle, other.Handle, out var r), r);
    public Tensor eq(Tensor other) => Native.Wrap(vs_eq(Handle, other.Handle, out var r), r);
    public Tensor matmul(Tensor other) => Native.Wrap(vs_matmul(Handle, other.Handle, out var r), r);

    public Tensor add(double s) => Native.Wrap(vs_add_scalar(Handle, s, out var r), r);
    public Tensor mul(double s) => Native.Wrap(vs_mul_scalar(Handle, s, out var r), r);
    public Tensor pow(double exponent) => Native.Wrap(vs_pow_scalar(Handle, exponent, out var r), r);
    public Tensor gt(double s) => Native.Wrap(vs_gt_scalar(Handle, s, out var r), r);
    public Tensor clamp(double min, double max) => Native.Wrap(vs_clamp(Handle, min, max, out var r), r);

    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator -(Tensor a) => a.neg();
    public static Tensor operator +(Tensor a, double s) => a.add(s);
    public static Tensor operator +(double s, Tensor a) => a.add(s);
    public static Tensor operator -(Tensor a, double s) => a.add(-s);
    public static Tensor operator -(double s, Tensor a) => Native.Wrap(vs_rsub_scalar(a.Handle, s, out var r), r);
    public static Tensor operator *(Tensor a, double s) => a.mul(s);
    public static Tensor operator *(double s, Tensor a) => a.mul(s);
    public static Tensor operator /(Tensor a, double s) => a.mul(1.0 / s);
    public static Tensor operator /(double s, Tensor a) => Native.Wrap(vs_rdiv_scalar(a.Handle, s, out var r), r);
}
