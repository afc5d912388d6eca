using VaeSweep.Core.SelfTest;
using VaeSweep.Core.Tensors;
using static VaeSweep.Tests.Tensors.TensorAssert;

namespace VaeSweep.Tests.Tensors;

/// <summary>conv2d and conv_transpose2d through the shim: small cases worked by hand, the selftest's oracles (the
/// definition written out, finite differences, grouped = separate) and the errors of shapes that do not fit.</summary>
public sealed class ConvTests
{
    // x = 1..16 as one 4x4 channel, kernel [[1, 2], [3, 4]] at stride 2 without padding, bias 0.5: each output is
    // x[2a, 2b] + 2 x[2a, 2b + 1] + 3 x[2a + 1, 2b] + 4 x[2a + 1, 2b + 1] + 0.5, e.g. 1 + 4 + 15 + 24 + 0.5 = 44.5.
    [Fact]
    public void Conv2d_of_a_hand_worked_case()
    {
        using var scope = new DisposeScope();
        var x = D(Enumerable.Range(1, 16).Select(v => (double)v).ToArray(), 1, 1, 4, 4);
        var w = D([1, 2, 3, 4], 1, 1, 2, 2);

        var y = Torch.conv2d(x, w, D([0.5], 1), stride: 2, padding: 0);

        Assert.Equal([1L, 1, 2, 2], y.shape);
        Close([44.5, 64.5, 124.5, 144.5], y, 1e-12);
    }

    // Padding 1 around a 2x2 input of ones, a 3x3 kernel of ones at stride 1: each output counts the ones its
    // window covers, 4 everywhere on a 2x2 image.
    [Fact]
    public void Conv2d_pads_with_zeros()
    {
        using var scope = new DisposeScope();
        var y = Torch.conv2d(Torch.ones([1, 1, 2, 2], ScalarType.Float64), Torch.ones([1, 1, 3, 3], ScalarType.Float64),
            Torch.zeros([1], ScalarType.Float64), stride: 1, padding: 1);

        Close([4, 4, 4, 4], y, 1e-12);
    }

    // The transpose scatters each input pixel times the kernel to its stride-spaced place: a 2x2 input [[1, 2],
    // [3, 4]], a 2x2 kernel of ones at stride 2 give each input value as a 2x2 block of a 4x4 output.
    [Fact]
    public void Conv_transpose2d_of_a_hand_worked_case()
    {
        using var scope = new DisposeScope();
        var y = Torch.conv_transpose2d(D([1, 2, 3, 4], 1, 1, 2, 2), Torch.ones([1, 1, 2, 2], ScalarType.Float64),
            Torch.zeros([1], ScalarType.Float64), stride: 2, padding: 0);

        Assert.Equal([1L, 1, 4, 4], y.shape);
        Close([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4], y, 1e-12);
    }

    [Fact]
    public void Both_directions_equal_their_definition_written_out()
    {
        var result = ConvChecks.ForwardMatchesDefinition(Device.Cpu);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Autograd_matches_finite_differences_through_both_directions()
    {
        var result = ConvChecks.GradientsMatchFiniteDifferences(Device.Cpu);

        Assert.True(result.Passed, result.ToString());
        Assert.True(result["conv"] > 0 && result["transposed"] > 0, "the gradients were compared at all");
    }

    [Fact]
    public void A_grouped_convolution_is_each_groups_own_convolution_bit_for_bit_on_cpu()
    {
        var result = ConvChecks.GroupedEqualsSeparate(Device.Cpu);

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(0.0, result["conv"]);
        Assert.Equal(0.0, result["transposed"]);
    }

    [Fact]
    public void Channels_that_do_not_match_the_weight_are_a_torch_error()
    {
        using var scope = new DisposeScope();
        var e = Assert.Throws<TorchException>(() =>
            Torch.conv2d(Torch.zeros([1, 3, 8, 8]), Torch.zeros([4, 2, 3, 3]), Torch.zeros([4]), stride: 1, padding: 1));

        Assert.Contains("channels", e.Message);
    }
}
