namespace VaeSweep.Core.Runs;

/// <summary>The final evaluation of a run on the test split.</summary>
/// <param name="K">Importance samples of the log-likelihood estimate (5000 by default).</param>
/// <param name="LogLikelihood">IWAE bound with <paramref name="K"/> samples, nats per example.</param>
/// <param name="LogLikelihoodSe">Standard error of <paramref name="LogLikelihood"/> over test examples.</param>
/// <param name="NTest">Number of test examples evaluated.</param>
/// <param name="KHat">The importance weights' Pareto k-hat over the test points; null for evaluations recorded
/// before it was (schema version 4) and where k is too small to fit a tail (under 25 samples).</param>
/// <param name="ProbeAccuracy">Test accuracy of the linear probe on the posterior means (Evaluation.LinearProbe);
/// null where the data have no labels and for evaluations recorded before schema version 4.</param>
/// <param name="MutualInformation">I(x;z) under the encoder (Evaluation.MutualInformation); null for categorical
/// posteriors and for evaluations recorded before schema version 5.</param>
/// <param name="ClassifierAccuracy">M2 only: the test accuracy of its classifier q(y|x) (most probable class); null
/// for other objectives and for evaluations recorded before schema version 6.</param>
public sealed record EvaluationRecord(
    int K,
    double LogLikelihood,
    double LogLikelihoodSe,
    double? Elbo,
    double? Recon,
    double? Kl,
    int? ActiveUnits,
    double Seconds,
    int NTest,
    KHatSummary? KHat = null,
    double? ProbeAccuracy = null,
    MutualInformationEstimate? MutualInformation = null,
    double? ClassifierAccuracy = null);
