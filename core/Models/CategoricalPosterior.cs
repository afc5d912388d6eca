using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// q(z|x) = prod_l Cat(z_l; p_l) over L independent variables of C categories each, z_l one-hot, with the uniform
/// prior p(z_l = c) = 1/C. The decoder reads z flattened to L * C units, so <see cref="Posterior.Mean"/> (the
/// probabilities, flattened) is E_q[z].
/// <para>
/// <see cref="Sample"/> draws exact one-hot samples by the Gumbel-max trick, argmax_c(log p_lc + g_lc) with
/// g = -log(-log u), u ~ U(0, 1), which is distributed as q: evaluation measures the discrete model.
/// <see cref="Relaxed"/> draws the Gumbel-softmax (Concrete) relaxation from the same kind of noise,
/// softmax((log p + g) / tau), which is differentiable in the probabilities and tends to that one-hot sample as
/// the temperature tau goes to 0 (Jang et al. 2017; Maddison et al. 2017): what training decodes.
/// </para>
/// </summary>
public sealed class CategoricalPosterior : Posterior
{
    /// <summary>log p, (batch, L, C), normalised over the categories.</summary>
    public Tensor LogProbs { get; }

    public int Variables { get; }
    public int Categories { get; }

    /// <param name="logits">(batch, L, C), unnormalised: each variable's log-probabilities up to a constant</param>
    public static CategoricalPosterior FromLogits(Tensor logits) =>
        new(logits - logits.logsumexp(-1, keepdim: true));

    /// <summary>The prior itself, uniform over the categories, as a posterior for <paramref name="n"/> points.</summary>
    public static CategoricalPosterior Uniform(int n, int variables, int categories, Device device) =>
        new(Torch.full([n, variables, categories], -Math.Log(categories), device: device));

    private CategoricalPosterior(Tensor logProbs) : base(logProbs.exp().reshape(logProbs.size(0), -1))
    {
        LogProbs = logProbs;
        Variables = (int)logProbs.size(1);
        Categories = (int)logProbs.size(2);
    }

    /// <summary>Standard Gumbel noise g, (batch, k, L, C): <see cref="SampleFrom"/> takes argmax_c(log p_lc + g_lc).</summary>
    public override Tensor Noise(long batch, int k, Generator generator) =>
        Gumbel(batch, k, Variables, Categories, generator, LogProbs.dtype, LogProbs.device);

    public override (Tensor Z, Tensor LogQ) SampleFrom(Tensor gumbel)
    {
        using var scope = new DisposeScope();
        var k = gumbel.size(1);
        var logProbs = LogProbs.unsqueeze(1);                                   // (batch, 1, L, C)
        var winner = (logProbs + gumbel).argmax(-1, keepdim: true);             // (batch, k, L, 1)
        var oneHot = winner.eq(Torch.arange(Categories, device: LogProbs.device)).to(LogProbs.dtype);
        var logQ = (oneHot * logProbs).sum([-2L, -1L]);                        // (batch, k)
        var z = oneHot.reshape(oneHot.size(0), k, -1);                          // (batch, k, L * C)
        return (scope.MoveToOuter(z), scope.MoveToOuter(logQ));
    }

    // exp of the same log-probabilities gives the same probabilities, bit for bit.
    public override Posterior Rows(long start, long length) => new CategoricalPosterior(LogProbs.narrow(0, start, length));

    /// <summary>k Gumbel-softmax samples per data point at temperature <paramref name="temperature"/>, flattened to
    /// (batch, k, L * C); each variable's entries are positive and sum to 1.</summary>
    public Tensor Relaxed(int k, double temperature, Generator generator)
    {
        using var scope = new DisposeScope();
        var y = Concrete((LogProbs.unsqueeze(1) + Noise(LogProbs.size(0), k, generator)) / temperature);
        return scope.MoveToOuter(y.reshape(y.size(0), k, -1));
    }

    /// <summary>softmax over the categories (the last dimension) of the scores (log p + g) / tau: the Gumbel-softmax
    /// sample. A pack computes its scores with a temperature per run and calls this on them.</summary>
    public static Tensor Concrete(Tensor scores) => (scores - scores.logsumexp(-1, keepdim: true)).exp();

    /// <summary>
    /// Standard Gumbel noise of shape (batch, k, variables, categories) from <paramref name="generator"/>: what one run
    /// draws for a batch, alone or in a pack. u is kept off 0, where -log(-log u) would be -inf; U(0, 1) puts vanishing
    /// mass there.
    /// </summary>
    public static Tensor Gumbel(long batch, int k, int variables, int categories, Generator generator, ScalarType dtype,
        Device device)
    {
        var u = Torch.rand([batch, k, variables, categories], generator, dtype, device);
        return -(-u.clamp(1e-30, 1.0).log()).log();
    }

    /// <summary>Every z in the support has log p(z) = -L log C under the uniform prior.</summary>
    public override Tensor LogPrior(Tensor z) =>
        Torch.full(z.shape[..^1], -Variables * Math.Log(Categories), z.dtype, z.device);

    /// <summary>KL(q || uniform) = sum_l sum_c p_lc (log p_lc + log C), exact from the probabilities.</summary>
    public override Tensor AnalyticKl() => (LogProbs.exp() * (LogProbs + Math.Log(Categories))).sum([-2L, -1L]);
}
