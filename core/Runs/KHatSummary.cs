namespace VaeSweep.Core.Runs;

/// <summary>
/// The Pareto k-hat diagnostic of an evaluation's importance weights (Evaluation.ParetoKHat), one k-hat per test
/// point summarised over the points.
/// </summary>
/// <param name="UnreliableShare">Share of test points whose k-hat exceeds 0.7: their estimates of log p(x) are
/// unreliable whatever the number of samples.</param>
/// <param name="Median">Median k-hat over the test points. The median rather than the maximum: the maximum over
/// thousands of points is one odd digit's, and it grows with the number of test points, so runs evaluated on
/// different counts could not be compared by it.</param>
public sealed record KHatSummary(double UnreliableShare, double Median)
{
    /// <summary>
    /// Above this share of unreliable points a run's log-likelihood is flagged "estimate unreliable".
    /// Why 10%: a point above 0.7 has an estimate that has not converged (the samples it needs grow like
    /// 10^(1/(1-k)), already 10^5 at k = 0.8; Vehtari et al. 2024), and since the bound is a lower bound its error
    /// is a shortfall, typically of the order of a nat (what the bound still gains over the last decade of k). The
    /// run's log p(x) is the mean over points, so a share s of such points moves it by about s nats: at 10% that is
    /// 0.1 nats, the size of the paired differences the reports resolve, and comparisons between runs above it
    /// favour the run whose posterior approximation is the better proposal rather than the better model. PSIS-LOO's
    /// own rule (warn at any point above 0.7) would flag nearly every amortised Gaussian posterior and so say nothing.
    /// </summary>
    public const double FlagShare = 0.1;

    /// <summary>True when more than <see cref="FlagShare"/> of the points are unreliable.</summary>
    public bool EstimateUnreliable => UnreliableShare > FlagShare;
}
