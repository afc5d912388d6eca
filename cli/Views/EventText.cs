using System.Globalization;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Scheduling;
using VaeSweep.Core.Text;

namespace VaeSweep.Cli.Views;

/// <summary>The words for each sweep event: one line per run event; the sweep's end is its counts, its failures
/// and the command that shows the results.</summary>
public static class EventText
{
    public static IEnumerable<string> Lines(SweepEvent sweepEvent) => sweepEvent switch
    {
        RunEvent e => [$"run {Run(e)}: {What(e)}"],
        SweepFinished f => Closing(f),
        _ => throw new ArgumentOutOfRangeException(nameof(sweepEvent), sweepEvent, "unknown sweep event"),
    };

    /// <summary>The run key and its axis values, e.g. <c>f31dac59074dfb07 (model.latent=2, objective.kind=vae)</c>.</summary>
    public static string Run(RunEvent e) => e.Axes.Length == 0 ? e.RunKey.Value : $"{e.RunKey} ({e.Axes})";

    private static string InPack(RunClaimed c) => c.Pack > 1 ? Invariant($", in a pack of {c.Pack}") : "";

    private static string What(RunEvent e) => e switch
    {
        RunClaimed c when c.FirstEpoch >= c.Epochs => "claimed, training done; evaluation re-runs",
        RunClaimed c when c.FirstEpoch > 0 => Invariant($"claimed, resumes at epoch {c.FirstEpoch + 1}/{c.Epochs}{InPack(c)}"),
        RunClaimed c => Invariant($"claimed, {c.Epochs} epochs{InPack(c)}"),
        EpochDone d => Invariant($"epoch {d.Epoch.Epoch + 1}/{d.Epochs}: loss {Metric(d.Epoch.TrainLoss)}") +
                       (d.Epoch.ValidElbo is { } v ? $", valid elbo {Metric(v)}" : "") +
                       (d.Epoch.TrainKl is { } kl ? $", kl {Metric(kl)}" : "") +
                       (d.Epoch.ClassifierAccuracy is { } accuracy ? $", accuracy {Core.Reports.ReportNumbers.Percent(accuracy)}" : "") +
                       Invariant($", k {d.Epoch.K}, {Seconds(d.Epoch.Seconds)}"),
        EvaluationStarted s => Invariant($"evaluating (k = {s.K})"),
        RunCompleted c => $"completed, log p(x) {Metric(c.Evaluation.LogLikelihood)} ± {Metric(c.Evaluation.LogLikelihoodSe)}" +
                          KHat(c.Evaluation.KHat) +
                          (c.Evaluation.ClassifierAccuracy is { } accuracy ? $", accuracy {Core.Reports.ReportNumbers.Percent(accuracy)}" : "") +
                          (c.TrainSeconds is { } t ? $", trained in {Seconds(t)}" : ""),
        RunFailed f => $"{StateName(f.State)}: {f.Reason}",
        RunReleased r => $"given back ({r.Reason}); it resumes from its last checkpoint",
        RunStopped s => s.Reason,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "unknown run event"),
    };

    // The share of test points whose importance weights are too heavy-tailed to trust, flagged as reports flag it.
    private static string KHat(KHatSummary? k) => k is null ? ""
        : $", k-hat > 0.7 on {Core.Reports.ReportNumbers.Percent(k.UnreliableShare)} of points" + (k.EstimateUnreliable ? " (estimate unreliable)" : "");

    private static IEnumerable<string> Closing(SweepFinished f)
    {
        yield return Counts(f);
        foreach (var r in f.Failures) yield return $"  {r.RunKey} {StateName(r.State)}: {r.Reason}";
        yield return $"results: {ResultsCommand.For(f.StorePath)}";
    }

    public static string Counts(SweepFinished f) =>
        Invariant($"completed {f.Counts[RunState.Completed]}, failed {f.Counts[RunState.Failed]}, ") +
        Invariant($"diverged {f.Counts[RunState.Diverged]}, ") +
        (f.Counts[RunState.Stopped] > 0 ? Invariant($"stopped {f.Counts[RunState.Stopped]} (successive halving), ") : "") +
        Invariant($"not finished {f.Unfinished}");

    public static string StateName(RunState state) => state.ToString().ToLowerInvariant();

    /// <summary>Two decimals; NaN and infinities as .NET writes them, so a diverged loss reads as what it is.</summary>
    public static string Metric(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    public static string Seconds(double seconds) => DurationText.Format(seconds);

    public static string Duration(TimeSpan span) => DurationText.Format(span.TotalSeconds);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
