namespace VaeSweep.Core.Tensors;

/// <summary>
/// The native layer cannot be used: the shim or libtorch is missing, the shim was built for another ABI, or a
/// CUDA device was asked for where there is none. The message is one line that says what to do.
/// </summary>
public sealed class TorchUnavailableException(string message) : Exception(message);
