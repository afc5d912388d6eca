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
    public (Tensor Z, Tensor LogQ) Sample(int k, Generator generator) => SampleFrom(Noise(Mean.size(0), k, generator));

    /// <summary>The standard noise that k draws for each of <paramref name="batch"/> points are made from, (batch, k,
    /// ...), as <see cref="Sample"/> draws it from <paramref name="generator"/>. A pack's evaluation draws it once for
    /// all its runs, as each lone run draws the same (the evaluation's common noise).</summary>
    public abstract Tensor Noise(long batch, int k, Generator generator);

    /// <summary>The draws, (batch, k, units), and their log q(z|x), (batch, k), that <paramref name="noise"/> of
    /// <see cref="Noise"/>'s shape makes.</summary>
    public abstract (Tensor Z, Tensor LogQ) SampleFrom(Tensor noise);

    /// <summary>The posteriors of data points start .. start + length - 1 of this batch: a pack folds its runs into
    /// one batch (run-major), and each run's share is measured as its lone run's posterior would be.</summary>
    public abstract Posterior Rows(long start, long length);

    /// <summary>log p(z) for z of shape (..., units), summed over the units: (...).</summary>
    public abstract Tensor LogPrior(Tensor z);

    /// <summary>KL(q(z|x) || p(z)) in closed form, shape (batch).</summary>
    public abstract Tensor AnalyticKl();
}
