namespace VaeSweep.Core.Tensors;

/// <summary>An error reported by libtorch (through the shim's error channel), with libtorch's own message.</summary>
public sealed class TorchException(string message) : Exception(message)
{
    /// <summary>
    /// libtorch could not allocate a tensor (CPU: "can't allocate memory"; CUDA: "out of memory"). Unlike other
    /// libtorch errors this is the user's to fix, with a smaller batch or evaluation chunk.
    /// </summary>
    public bool IsOutOfMemory =>
        Message.Contains("can't allocate memory", StringComparison.Ordinal) ||
        Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase);
}
