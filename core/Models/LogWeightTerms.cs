using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>The pieces of log w = log p(x|z) + log p(z) - log q(z|x) for k samples per data point, each (batch, k).</summary>
public sealed record LogWeightTerms(Posterior Posterior, Tensor Z, Tensor LogPxz, Tensor LogPz, Tensor LogQ)
{
    /// <summary>log p(x|z) + beta (log p(z) - log q(z|x)): beta = 1 gives the importance weights of log p(x).</summary>
    public Tensor LogWeights(double beta = 1.0) =>
        beta == 1.0 ? LogPxz + LogPz - LogQ : LogPxz + (LogPz - LogQ) * beta;

    /// <summary>The same with beta a tensor broadcastable to the terms: one beta per run of a pack, (runs, 1, 1).</summary>
    public Tensor LogWeights(Tensor beta) => LogPxz + (LogPz - LogQ) * beta;
}
