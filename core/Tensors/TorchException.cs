namespace VaeSweep.Core.Tensors;

/// <summary>An error reported by libtorch (through the shim's error channel), with libtorch's own message.</summary>
public sealed class TorchException(string message) : Exception(message);
