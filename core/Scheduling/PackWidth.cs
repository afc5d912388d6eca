using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Scheduling;

/// <summary>How many runs a worker trains together in one packed step when `run --pack` is not given.</summary>
public static class PackWidth
{
    /// <summary>
    /// On a GPU a step of one small model is bound by kernel launches, not arithmetic, so a wide pack costs about
    /// what one run does (PyTorch on an H200: 26.8k samples/s alone, 1.67M for 64 packed). On the CPU the matrix
    /// products are the cost: with the hand-written dense step a pack of 8 trains 0.99-1.03x the samples per second
    /// of a lone run on a quiet machine (README, speed table), and through autograd 1.4-1.7x under load, where one
    /// process of eight runs competes better than eight. So 8: never much slower, faster when the machine is busy,
    /// and one claim, one process and one pass over the data for eight runs.
    /// </summary>
    public static int DefaultFor(Device device) => device.IsCuda ? 64 : 8;
}
