using System.Runtime.InteropServices;

namespace VaeSweep.Core.Tensors;

/// <summary>Owns one native at::Tensor. The live count lets tests prove a training loop frees everything.</summary>
internal sealed class TensorHandle : SafeHandle
{
    private static long live;

    /// <summary>Native tensor handles created and not yet released, across the process.</summary>
    public static long LiveCount => Interlocked.Read(ref live);

    public TensorHandle(IntPtr raw) : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(raw);
        Interlocked.Increment(ref live);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Interlocked.Decrement(ref live);
        return NativeMethods.vs_tensor_free(handle) == 0;
    }
}
