using System.Runtime.InteropServices;
using static VaeSweep.Core.Tensors.NativeMethods;

namespace VaeSweep.Core.Tensors;

/// <summary>Tensor factories, functions of several tensors and process-wide settings, named as in PyTorch.</summary>
public static class Torch
{
    private static readonly Lazy<string> Version = new(LoadAndCheck);

    /// <summary>Loads the shim and checks its ABI; throws <see cref="TorchUnavailableException"/> with a
    /// one-line reason when that is impossible. Returns libtorch's version.</summary>
    public static string EnsureAvailable() => Version.Value;

    private static string LoadAndCheck()
    {
        int abi;
        try
        {
            abi = vs_abi_version();
        }
        catch (DllNotFoundException e)
        {
            throw new TorchUnavailableException(e.Message.Split('\n')[0]);
        }
        if (abi != AbiVersion)
            throw new TorchUnavailableException(
                $"the native library speaks ABI {abi} but this build expects {AbiVersion}; rebuild it with ./vaesweep setup");
        return Marshal.PtrToStringUTF8(vs_torch_version()) ?? "unknown";
    }

    /// <summary>Checks that a device can be used, with a one-line error where it cannot.</summary>
    public static void EnsureDevice(Device device)
    {
        EnsureAvailable();
        if (!device.IsCuda) return;
        if (!cuda_is_available())
            throw new TorchUnavailableException(
                $"{device} was requested but CUDA is not available (this libtorch build or machine has no GPU)");
        if (device.Index >= cuda_device_count())
            throw new TorchUnavailableException($"{device} was requested but only {cuda_device_count()} CUDA device(s) exist");
    }

    public static bool cuda_is_available()
    {
        Native.Check(vs_cuda_is_available(out var flag));
        return flag != 0;
    }

    public static int cuda_device_count()
    {
        Native.Check(vs_cuda_device_count(out var n));
        return n;
    }

    public static void cuda_synchronize(Device device)
    {
        if (device.IsCuda) Native.Check(vs_cuda_synchronize(device.Index));
    }

    /// <summary>Peak bytes held by the CUDA caching allocator on the device since the last reset.</summary>
    public static long cuda_max_memory_allocated(Device device)
    {
        Native.Check(vs_cuda_max_memory_allocated(device.Index, out var bytes));
        return bytes;
    }

    public static void cuda_reset_peak_memory_stats(Device device) => Native.Check(vs_cuda_reset_peak_memory(device.Index));

    public static void set_num_threads(int n) => Native.Check(vs_set_num_threads(n));

    public static int get_num_threads()
    {
        Native.Check(vs_get_num_threads(out var n));
        return n;
    }

    /// <summary>OpenBLAS's thread count, which <see cref="set_num_threads"/> sets too; -1 when libtorch uses another BLAS.</summary>
    public static int get_blas_threads()
    {
        Native.Check(vs_get_blas_threads(out var n));
        return n;
    }

    /// <summary>Turns gradient recording off on this thread until the returned guard is disposed.</summary>
    public static GradModeGuard no_grad() => new(enabled: false);

    public static GradModeGuard enable_grad() => new(enabled: true);

    public static unsafe Tensor tensor(float[] values, long[] shape, Device? device = null)
    {
        fixed (float* p = values) return FromData(p, values.Length, shape, ScalarType.Float32, device);
    }

    public static unsafe Tensor tensor(double[] values, long[] shape, Device? device = null)
    {
        fixed (double* p = values) return FromData(p, values.Length, shape, ScalarType.Float64, device);
    }

    public static unsafe Tensor tensor(long[] values, long[] shape, Device? device = null)
    {
        fixed (long* p = values) return FromData(p, values.Length, shape, ScalarType.Int64, device);
    }

    public static unsafe Tensor tensor(byte[] values, long[] shape, Device? device = null)
    {
        fixed (byte* p = values) return FromData(p, values.Length, shape, ScalarType.UInt8, device);
    }

    /// <summary>A float32 tensor from a span (for example one batch of a larger array).</summary>
    public static unsafe Tensor tensor(ReadOnlySpan<float> values, long[] shape, Device? device = null)
    {
        fixed (float* p = values) return FromData(p, values.Length, shape, ScalarType.Float32, device);
    }

    private static unsafe Tensor FromData(void* data, long count, long[] shape, ScalarType type, Device? device)
    {
        var expected = shape.Aggregate(1L, (a, b) => a * b);
        if (expected != count)
            throw new ArgumentException($"{count} values do not fill a tensor of shape [{string.Join(", ", shape)}]");
        var d = device ?? Device.Cpu;
        return Native.Wrap(vs_from_data(data, shape, shape.Length, (int)type, (int)d.Type, d.Index, out var r), r);
    }

    public static Tensor zeros(long[] shape, ScalarType type = ScalarType.Float32, Device? device = null) =>
        Create(shape, type, device, (s, t, dt, di) => (vs_zeros(s, s.Length, t, dt, di, out var r), r));

    public static Tensor ones(long[] shape, ScalarType type = ScalarType.Float32, Device? device = null) =>
        Create(shape, type, device, (s, t, dt, di) => (vs_ones(s, s.Length, t, dt, di, out var r), r));

    public static Tensor full(long[] shape, double value, ScalarType type = ScalarType.Float32, Device? device = null) =>
        Create(shape, type, device, (s, t, dt, di) => (vs_full(s, s.Length, value, t, dt, di, out var r), r));

    public static Tensor randn(long[] shape, Generator generator, ScalarType type = ScalarType.Float32, Device? device = null) =>
        Create(shape, type, device, (s, t, dt, di) => (vs_randn(s, s.Length, generator.Handle, t, dt, di, out var r), r));

    public static Tensor rand(long[] shape, Generator generator, ScalarType type = ScalarType.Float32, Device? device = null) =>
        Create(shape, type, device, (s, t, dt, di) => (vs_rand(s, s.Length, generator.Handle, t, dt, di, out var r), r));

    public static Tensor arange(long n, ScalarType type = ScalarType.Int64, Device? device = null) =>
        Create([n], type, device, (s, t, dt, di) => (vs_arange(s[0], t, dt, di, out var r), r));

    public static Tensor eye(long n, ScalarType type = ScalarType.Float32, Device? device = null) =>
        Create([n], type, device, (s, t, dt, di) => (vs_eye(s[0], t, dt, di, out var r), r));

    private static Tensor Create(long[] shape, ScalarType type, Device? device,
        Func<long[], int, int, int, (int Status, IntPtr Result)> call)
    {
        var d = device ?? Device.Cpu;
        var (status, result) = call(shape, (int)type, (int)d.Type, d.Index);
        return Native.Wrap(status, result);
    }

    public static Tensor bernoulli(Tensor probs, Generator generator) =>
        Native.Wrap(vs_bernoulli(probs.Handle, generator.Handle, out var r), r);

    public static Tensor where(Tensor condition, Tensor a, Tensor b) =>
        Native.Wrap(vs_where(condition.Handle, a.Handle, b.Handle, out var r), r);

    public static Tensor addmm(Tensor bias, Tensor a, Tensor b) =>
        Native.Wrap(vs_addmm(bias.Handle, a.Handle, b.Handle, out var r), r);

    /// <summary>bias + a @ b per batch: a (n, p, q), b (n, q, r), bias broadcastable to (n, p, r).</summary>
    public static Tensor baddbmm(Tensor bias, Tensor a, Tensor b) =>
        Native.Wrap(vs_baddbmm(bias.Handle, a.Handle, b.Handle, out var r), r);

    /// <summary>Joins equally shaped tensors along a new dimension (torch.stack).</summary>
    public static Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        using var scope = new DisposeScope();
        var joined = cat(tensors.Select(t => t.unsqueeze(dim)).ToList(), dim);
        return scope.MoveToOuter(joined);
    }

    /// <summary>x W^T + b, with W of shape (out, in) as in torch.nn.Linear.</summary>
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) =>
        Native.Wrap(vs_linear(x.Handle, weight.Handle, bias.Handle, out var r), r);

    /// <summary>
    /// 2-D convolution of x (batch, in, h, w) with square kernels, weight (out, in / groups, k, k), the same stride
    /// and zero padding along both sides; with groups g, output channels [j out/g, (j+1) out/g) see only input
    /// channels [j in/g, (j+1) in/g) (torch.nn.functional.conv2d).
    /// </summary>
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding, int groups = 1) =>
        Native.Wrap(vs_conv2d(x.Handle, weight.Handle, bias.Handle, stride, padding, groups, out var r), r);

    /// <summary>The transpose (gradient) of <see cref="conv2d"/>, weight (in, out / groups, k, k): a side s becomes
    /// (s - 1) stride - 2 padding + k (torch.nn.functional.conv_transpose2d with output_padding 0).</summary>
    public static Tensor conv_transpose2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding, int groups = 1) =>
        Native.Wrap(vs_conv_transpose2d(x.Handle, weight.Handle, bias.Handle, stride, padding, groups, out var r), r);

    public static Tensor linalg_solve_triangular(Tensor a, Tensor b, bool upper, bool left = true) =>
        Native.Wrap(vs_linalg_solve_triangular(a.Handle, b.Handle, upper ? 1 : 0, left ? 1 : 0, out var r), r);

    /// <summary>Elementwise -[y log sigmoid(x) + (1 - y) log(1 - sigmoid(x))], in one numerically stable kernel.</summary>
    public static Tensor binary_cross_entropy_with_logits(Tensor logits, Tensor target) =>
        Native.Wrap(vs_binary_cross_entropy_with_logits(logits.Handle, target.Handle, out var r), r);

    public static Tensor cat(IReadOnlyList<Tensor> tensors, long dim)
    {
        var raw = tensors.Select(t => t.Handle.DangerousGetHandle()).ToArray();
        var result = Native.Wrap(vs_cat(raw, raw.Length, dim, out var r), r);
        GC.KeepAlive(tensors);
        return result;
    }
}
