using VaeSweep.Core.Tensors;

namespace VaeSweep.Tests.Tensors;

public class NativeErrorTests
{
    [Fact]
    public void Shape_mismatch_becomes_a_TorchException_with_libtorchs_message_and_the_process_survives()
    {
        using var scope = new DisposeScope();
        var a = Torch.zeros([2, 3]);
        var b = Torch.zeros([4, 5]);
        var e = Assert.Throws<TorchException>(() => a.matmul(b));
        Assert.Contains("cannot be multiplied", e.Message);
        Assert.DoesNotContain("\n", e.Message);
        // The library still works after the error.
        Assert.Equal([2L, 5], a.matmul(Torch.zeros([3, 5])).shape);
    }

    [Fact]
    public void A_cpp_exception_that_is_not_a_std_exception_is_caught_too()
    {
        Torch.EnsureAvailable();
        Assert.Equal(1, NativeMethods.vs_debug_throw_foreign());
        var e = Assert.Throws<TorchException>(() => Native.Check(NativeMethods.vs_debug_throw_foreign()));
        Assert.Contains("not a std::exception", e.Message);
    }

    [Fact]
    public void Asking_for_cuda_without_cuda_is_a_clear_error()
    {
        if (Torch.cuda_is_available()) return; // meaningful only on a machine without CUDA; GPU runs test the rest
        var e = Assert.Throws<TorchUnavailableException>(() => Torch.EnsureDevice(Device.Parse("cuda:0")));
        Assert.Contains("CUDA is not available", e.Message);
        using var scope = new DisposeScope();
        Assert.Throws<TorchException>(() => Torch.zeros([2], device: new Device(DeviceType.Cuda)));
    }

    [Theory]
    [InlineData("cpu", "cpu")]
    [InlineData("cuda", "cuda:0")]
    [InlineData("CUDA:2", "cuda:2")]
    public void Devices_parse_as_pytorch_spells_them(string text, string expected) =>
        Assert.Equal(expected, Device.Parse(text).ToString());

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    public void Bad_device_names_are_rejected(string text) => Assert.Throws<FormatException>(() => Device.Parse(text));

    [Fact]
    public void Abi_version_matches()
    {
        Torch.EnsureAvailable();
        Assert.Equal(NativeMethods.AbiVersion, NativeMethods.vs_abi_version());
    }
}
