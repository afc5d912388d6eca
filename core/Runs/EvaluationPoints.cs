namespace VaeSweep.Core.Runs;

/// <summary>
/// The per-point side of an evaluation, kept so that two runs measured on the same points can be compared point by
/// point (a paired difference) rather than as two independent means.
/// </summary>
/// <param name="Points">Which test points, binarised how (Evaluation.TestPoints.Identity): runs pair only when
/// these are equal.</param>
/// <param name="LogLikelihoods">The importance-sampled estimate of log p(x) with the evaluation's full k, one
/// per test point, in test-set order; their mean is the evaluation's log-likelihood.</param>
public sealed record EvaluationPoints(string Points, IReadOnlyList<double> LogLikelihoods);
