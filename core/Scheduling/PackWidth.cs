using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Scheduling;

/// <summary>How many runs a worker trains together in one packed step when `run --pack` is not given.</summary>
public static class PackWidth
{
    /// <summary>
    /// On a GPU a step of one small model is bound by kernel launches, not arithmetic, so a wide pack costs about
    /// what one run does (PyTorch on an H200: 26.8k samples/s alone, 1.67M for 64 packed). On the CPU the matrix
    /// products are the cost and a pack only saves libtorch's per-op overhead: measured with `vaesweep bench`
    /// on the two-core machine (README, speed table), a pack of 8 trains ~1.7x the samples per second of a lone
    /// run on one thread, and wider packs add little.
    /// </summary>
    public static int DefaultFor(Device device) => device.IsCuda ? 64 : 8;
}
