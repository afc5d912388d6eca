using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// q(z|x) for a batch, over the decoder's input units, and the prior p(z) it is paired with. Samples come as
/// (batch, k, units), k per data point (seed 000), each with its log-density.
/// </summary>
public abstract class Posterior
{
    /// <summary>E_q[z] per data point, (batch, units): a Gaussian's mean, a categorical's probabilities.</summary>
    public Tensor Mean { get; }

    protected Posterior(Tensor mean) => Mean = mean;

    /// <summary>k exact draws from q per data point, (batch, k, units), with log q(z|x), (batch, k): the
    /// importance samples of log p(x), whose weights are p(x|z) p(z) / q(z|x).</summary>
    public abstract (Tensor Z, Tensor LogQ) Sample(int k, Generator generator);

    /// <summary>log p(z) for z of shape (..., units), summed over the units: (...).</summary>
    public abstract Tensor LogPrior(Tensor z);

    /// <summary>KL(q(z|x) || p(z)) in closed form, shape (batch).</summary>
    public abstract Tensor AnalyticKl();
}
