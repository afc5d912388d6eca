using static VaeSweep.Core.Tensors.NativeMethods;

namespace VaeSweep.Core.Tensors;

/// <summary>
/// A libtorch tensor. Method names follow PyTorch (and TorchSharp), lower case included, so that model code reads
/// like the tutorials it implements. Every tensor registers with the current <see cref="DisposeScope"/>.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    internal TensorHandle Handle { get; }

    internal Tensor(IntPtr raw)
    {
        Handle = new TensorHandle(raw);
        DisposeScope.Current?.Register(this);
    }

    public void Dispose() => Handle.Dispose();

    public bool IsDisposed => Handle.IsClosed;

    public unsafe long[] shape
    {
        get
        {
            var dims = new long[dim()];
            fixed (long* p = dims) Native.Check(vs_shape(Handle, p, dims.Length));
            return dims;
        }
    }

    public long size(int d) => shape[d < 0 ? d + dim() : d];

    public int dim()
    {
        Native.Check(vs_ndim(Handle, out var n));
        return n;
    }

    public long numel()
    {
        Native.Check(vs_numel(Handle, out var n));
        return n;
    }

    public ScalarType dtype
    {
        get
        {
            Native.Check(vs_dtype(Handle, out var code));
            return (ScalarType)code;
        }
    }

    public Device device
    {
        get
        {
            Native.Check(vs_device(Handle, out var type, out var index));
            return new Device((DeviceType)type, index);
        }
    }

    public double item()
    {
        Native.Check(vs_item(Handle, out var value));
        return value;
    }

    /// <summary>Copies the elements (row-major) into a new managed array; T must match the dtype's width.</summary>
    public unsafe T[] data<T>() where T : unmanaged
    {
        var result = new T[numel()];
        fixed (T* p = result) Native.Check(vs_copy_to(Handle, p, (long)result.Length * sizeof(T)));
        return result;
    }

    public Tensor to(ScalarType type) => Native.Wrap(vs_to_dtype(Handle, (int)type, out var r), r);

    public Tensor to(Device target) => Native.Wrap(vs_to_device(Handle, (int)target.Type, target.Index, out var r), r);

    public Tensor clone() => Native.Wrap(vs_clone(Handle, out var r), r);

    public Tensor contiguous() => Native.Wrap(vs_contiguous(Handle, out var r), r);

    public Tensor detach() => Native.Wrap(vs_detach(Handle, out var r), r);

    /// <summary>Copies src into this tensor in place, unrecorded by autograd.</summary>
    public Tensor copy_(Tensor src)
    {
        Native.Check(vs_copy_(Handle, src.Handle));
        return this;
    }

    public Tensor zero_()
    {
        Native.Check(vs_zero_(Handle));
        return this;
    }

    public Tensor fill_(double value)
    {
        Native.Check(vs_fill_(Handle, value));
        return this;
    }

    /// <summary>Takes this tensor out of the current dispose scope; the caller disposes it.</summary>
    public Tensor DetachFromDisposeScope() => DisposeScope.Current?.Detach(this) ?? this;

    public override string ToString() => $"Tensor[{string.Join(", ", shape)}] {dtype} {device}";
}
