using static VaeSweep.Core.Tensors.NativeMethods;

namespace VaeSweep.Core.Tensors;

/// <summary>
/// A random generator of its own (not libtorch's global one), so every run has an independent stream whose
/// state is saved with each checkpoint; restoring it reproduces the next draws bit for bit.
/// </summary>
public sealed class Generator : IDisposable
{
    internal GeneratorHandle Handle { get; }

    public Device Device { get; }

    public Generator(ulong seed, Device? device = null)
    {
        Device = device ?? Device.Cpu;
        Native.Check(vs_generator_new(seed, (int)Device.Type, Device.Index, out var raw));
        Handle = new GeneratorHandle(raw);
    }

    public byte[] get_state()
    {
        Native.Check(vs_generator_get_state(Handle, out var raw));
        using var state = new Tensor(raw).DetachFromDisposeScope();
        return state.data<byte>();
    }

    public void set_state(byte[] state)
    {
        using var t = Torch.tensor(state, [state.Length]).DetachFromDisposeScope();
        Native.Check(vs_generator_set_state(Handle, t.Handle));
    }

    public void Dispose() => Handle.Dispose();
}
