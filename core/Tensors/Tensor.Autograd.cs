using static VaeSweep.Core.Tensors.NativeMethods;

namespace VaeSweep.Core.Tensors;

public sealed partial class Tensor
{
    public bool requires_grad
    {
        get
        {
            Native.Check(vs_requires_grad(Handle, out var flag));
            return flag != 0;
        }
    }

    public Tensor requires_grad_(bool requiresGrad = true)
    {
        Native.Check(vs_requires_grad_(Handle, requiresGrad ? 1 : 0));
        return this;
    }

    public void backward() => Native.Check(vs_backward(Handle));

    /// <summary>The accumulated gradient as a new handle (registered with the current scope), or null.</summary>
    public Tensor? grad()
    {
        Native.Check(vs_grad(Handle, out var raw));
        return raw == IntPtr.Zero ? null : new Tensor(raw);
    }

    /// <summary>Drops the accumulated gradient; the next backward writes a fresh one.</summary>
    public void clear_grad() => Native.Check(vs_clear_grad(Handle));
}
