using VaeSweep.Core.Runs;


namespace VaeSweep.Core.Reports;

/// <summary>A metric a report can sort, pivot and compare by, and which direction counts as better.</summary>
/// <param name="Name">The name on the command line (<c>--sort log-likelihood</c>).</param>
/// <param name="HigherIsBetter">Sort direction and the meaning of "best": likelihoods and bounds grow as
/// models improve, and so does recon, E_q[log p(x|z)] (docs/store.md, "Numbers"); KL and time are costs.</param>
/// <param name="StandardError">The metric's own standard error where the store has one (the importance-sampled
/// log-likelihood), used when a comparison has a single pair.</param>
/// <param name="PerPoint">The per-point values whose mean is the metric, where the store has them, so that a
/// single pair measured on the same points can be compared point by point.</param>
public sealed record ReportMetric(
    string Name,
    string Header,
    bool HigherIsBetter,
    Func<ReportRow, double?> Value,
    Func<ReportRow, double?>? StandardError = null,
    Func<ReportRow, EvaluationPoints?>? PerPoint = null)
{
    public static ReportMetric LogLikelihood { get; } = new("log-likelihood", "log p(x)", true,
        r => r.Evaluation?.LogLikelihood, r => r.Evaluation?.LogLikelihoodSe, r => r.Points);

    /// <summary>M2's own classifier q(y|x) on the test split (not the linear probe).</summary>
    public static ReportMetric ClassifierAccuracy { get; } = new("classifier-accuracy", "classifier acc", true,
        r => r.Evaluation?.ClassifierAccuracy);

    /// <summary>Every metric, in the order the error message lists them.</summary>
    public static IReadOnlyList<ReportMetric> All { get; } =
    [
        LogLikelihood,
        new("elbo", "test elbo", true, r => r.Evaluation?.Elbo),
        new("kl", "kl", false, r => r.Evaluation?.Kl),
        new("recon", "recon", true, r => r.Evaluation?.Recon),
        new("active-units", "AU", true, r => r.Evaluation?.ActiveUnits),
        new("probe-accuracy", "probe acc", true, r => r.Evaluation?.ProbeAccuracy),
        new("mutual-information", "I(x;z)", true, r => r.Evaluation?.MutualInformation?.Value,
            r => r.Evaluation?.MutualInformation?.Se),
        ClassifierAccuracy,
        new("epochs", "epochs", true, r => r.Epochs.Count),
        new("seconds", "seconds", false, r => r.WallSeconds),
    ];

    /// <summary>The metric named <paramref name="name"/>, or a one-line error listing the allowed names.</summary>
    public static ReportMetric Parse(string name)
    {
        var found = All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
        if (found is not null) return found;
        var names = All.Select(m => m.Name).ToList();
        var guess = Config.Suggest.Closest(name, names);
        var hint = guess is null ? "" : $"; did you mean '{guess}'?";
        throw new ReportException($"unknown metric '{name}'{hint} (allowed: {string.Join(", ", names)})");
    }

    /// <summary>The value if it can be ranked: a completed run with a finite value. Diverged runs never are.</summary>
    public double? Rankable(ReportRow row) =>
        row.Run.State == RunState.Completed && Value(row) is { } v && double.IsFinite(v) ? v : null;
}
