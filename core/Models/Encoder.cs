using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>The inference network: x (batch, inputs) to the posterior q(z|x) of each data point.</summary>
public abstract class Encoder : Module
{
    public abstract Posterior forward(Tensor x);

    /// <summary>The encoder <paramref name="config"/>'s posterior needs, its parameters drawn from <paramref name="generator"/>.</summary>
    public static Encoder For(int inputs, ModelConfig config, Generator generator, Device device) =>
        config.Posterior == PosteriorKind.Categorical
            ? new CategoricalEncoder(inputs, config, generator, device)
            : new GaussianEncoder(inputs, config, generator, device);
}
