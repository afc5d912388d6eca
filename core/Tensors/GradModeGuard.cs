using static VaeSweep.Core.Tensors.NativeMethods;

namespace VaeSweep.Core.Tensors;

/// <summary>Sets libtorch's thread-local grad mode and restores the previous mode when disposed.</summary>
public readonly struct GradModeGuard : IDisposable
{
    private readonly int previous;

    internal GradModeGuard(bool enabled) => Native.Check(vs_set_grad_enabled(enabled ? 1 : 0, out previous));

    public void Dispose() => Native.Check(vs_set_grad_enabled(previous, out _));
}
