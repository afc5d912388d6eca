using VaeSweep.Core.Tensors;

namespace VaeSweep.Tests.Tensors;

internal static class TensorAssert
{
    public static void Close(double[] expected, Tensor actual, double tolerance = 1e-5)
    {
        var values = actual.to(ScalarType.Float64).data<double>();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {values[i]}");
    }

    public static Tensor D(double[] values, params long[] shape) => Torch.tensor(values, shape);
}
