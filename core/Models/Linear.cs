using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>y = x W^T + b, initialised as torch.nn.Linear: W and b uniform in +-1/sqrt(fan_in).</summary>
public sealed class Linear : Module
{
    public Tensor Weight { get; }
    public Tensor Bias { get; }
    public int InFeatures { get; }
    public int OutFeatures { get; }

    public Linear(int inFeatures, int outFeatures, Generator generator, Device device)
    {
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        var bound = 1.0 / Math.Sqrt(inFeatures);
        Weight = Parameter("weight", Uniform([outFeatures, inFeatures], bound, generator, device));
        Bias = Parameter("bias", Uniform([outFeatures], bound, generator, device));
    }

    /// <summary>Values uniform in +-bound, drawn from the run's generator: the initialisation of every layer.</summary>
    internal static Tensor Uniform(long[] shape, double bound, Generator generator, Device device)
    {
        using var scope = new DisposeScope();
        using var u = Torch.rand(shape, generator, device: device);
        return scope.MoveToOuter(u * (2 * bound) - bound);
    }

    public Tensor forward(Tensor x) => Torch.linear(x, Weight, Bias);
}
