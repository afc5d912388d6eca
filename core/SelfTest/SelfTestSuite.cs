using System.Diagnostics;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.SelfTest;

/// <summary>
/// The checks `vaesweep selftest` runs: the model mathematics on this machine's libtorch and device, in seconds.
/// The unit tests call the same functions (tests/Models), so a check that passes here passes there.
/// </summary>
public static class SelfTestSuite
{
    public static IReadOnlyList<SelfTestCheck> Checks { get; } =
    [
        new("kl-diagonal-vs-monte-carlo", "closed-form KL of a diagonal Gaussian = E_q[log q - log p]",
            d => PosteriorChecks.KlMatchesMonteCarlo(PosteriorKind.Diagonal, d)),
        new("kl-full-vs-monte-carlo", "closed-form KL of a full-covariance Gaussian = E_q[log q - log p]",
            d => PosteriorChecks.KlMatchesMonteCarlo(PosteriorKind.Full, d)),
        new("full-covariance-equals-diagonal", "a diagonal Cholesky factor gives the diagonal posterior",
            d => PosteriorChecks.FullEqualsDiagonalWhenFactorIsDiagonal(d)),
        new("log-q-full-matches-density", "sampled log q = Gaussian density via a triangular solve",
            d => PosteriorChecks.LogQMatchesDensity(PosteriorKind.Full, d)),
        new("iwae-k1-equals-elbo", "the IWAE bound with k = 1 is the ELBO in expectation",
            d => ObjectiveChecks.IwaeWithOneSampleIsTheElbo(d)),
        new("iwae-gradient", "detached normalised weights give the gradient of log mean w",
            d => ObjectiveChecks.IwaeGradientMatchesLogMeanWeight(d)),
        new("vae-is-iwae-with-uniform-weights", "VAE with Monte-Carlo KL = IWAE surrogate with weights 1/k",
            d => ObjectiveChecks.VaeIsIwaeWithUniformWeights(d)),
        new("k-samples-folded-equals-loop", "folding k samples into the batch = decoding them one by one",
            d => ObjectiveChecks.FoldedSamplesMatchALoop(d)),
        new("bound-grows-with-k", "L_1 <= L_5 <= L_50",
            d => ObjectiveChecks.BoundGrowsWithKUntrained(d)),
        new("gumbel-softmax-limit", "as the temperature goes to 0 the Gumbel-softmax sample is one-hot with the softmax frequencies",
            d => CategoricalChecks.GumbelSoftmaxLimit(d)),
        new("gumbel-max-exact-samples", "exact categorical samples: one-hot, softmax frequencies, log q, the relaxed sample's limit",
            d => CategoricalChecks.ExactSamples(d)),
        new("kl-categorical-vs-hand", "closed-form KL of a categorical to the uniform prior = sum p log(p C)",
            d => CategoricalChecks.KlMatchesHandComputation(d)),
        new("conv-vs-definition", "conv2d and its transpose (kernel 4, stride 2, padding 1) = the sums written out",
            d => ConvChecks.ForwardMatchesDefinition(d)),
        new("conv-gradient", "autograd through conv2d and its transpose = central finite differences",
            d => ConvChecks.GradientsMatchFiniteDifferences(d)),
        new("grouped-conv-equals-separate", "a grouped convolution (a pack's layer) = each group's own convolution",
            d => ConvChecks.GroupedEqualsSeparate(d)),
        new("m2-unlabelled-bound-two-ways", "M2: U(x) batched over y = E_q(y|x)[L(x,y)] + H(q(y|x)) from per-class labelled bounds",
            d => M2Checks.UnlabelledBoundTwoWays(d)),
        new("m2-classifier-gradient", "M2: the alpha-weighted classification term's gradient at the classifier bias = alpha mean(q - onehot)",
            d => M2Checks.ClassifierTermGradient(d)),
    ];

    /// <summary>Runs every check (a check that throws fails, with the exception as its measurement).</summary>
    public static IReadOnlyList<(CheckResult Result, TimeSpan Elapsed)> Run(Tensors.Device device,
        Action<CheckResult, TimeSpan>? report = null)
    {
        var results = new List<(CheckResult, TimeSpan)>();
        foreach (var check in Checks)
        {
            var clock = Stopwatch.StartNew();
            CheckResult result;
            try
            {
                result = check.Run(device);
            }
            catch (Exception e) when (e is Tensors.TorchException or InvalidOperationException or ArgumentException)
            {
                result = new CheckResult(check.Name, false, $"{e.GetType().Name}: {e.Message}",
                    new Dictionary<string, double>());
            }
            report?.Invoke(result, clock.Elapsed);
            results.Add((result, clock.Elapsed));
        }
        return results;
    }
}
