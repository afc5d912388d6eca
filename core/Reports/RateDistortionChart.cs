using VaeSweep.Core.Pictures;

namespace VaeSweep.Core.Reports;

/// <summary>
/// The sweep in the rate-distortion plane (Alemi et al. 2018, "Fixing a Broken ELBO"): rate R = KL(q(z|x) || p(z)),
/// distortion D = -E_q[log p(x|z)] (minus recon), both from the test evaluation, so -ELBO = D + R and a beta-VAE
/// trades the two at slope -beta. Each point is a configuration, its seeds averaged; points are joined along a
/// numeric swept axis (beta, say), one line per value of the other varying axes.
/// </summary>
internal static class RateDistortionChart
{
    public const string Title = "Rate against distortion (test set)";

    public const string Note = "each point: a configuration, its completed seeds averaged; per run, the rate is the kl column and "
        + "the distortion minus the recon column of the runs table; -ELBO = distortion + rate, so lines of slope -1 have equal ELBO";

    /// <summary>The chart, or null when no completed run has both KL and recon.</summary>
    public static string? Render(ReportModel model, IReadOnlyList<string> by)
    {
        var series = Series(model, by);
        return series.Count == 0 ? null
            : SvgChart.Line(Title, "rate: KL (nats)", "distortion: -recon (nats)", series);
    }

    /// <summary>One series per line (see the class summary); each point (mean rate, mean distortion) of a
    /// configuration's completed runs, in the order of the joining axis.</summary>
    public static IReadOnlyList<ChartSeries> Series(ReportModel model, IReadOnlyList<string> by)
    {
        var measured = model.Rows.Where(r => r.Run.State == Runs.RunState.Completed
            && r.Evaluation is { Kl: { } kl, Recon: { } recon } && double.IsFinite(kl) && double.IsFinite(recon)).ToList();
        if (measured.Count == 0) return [];
        var axes = by.Concat(model.VaryingAxes).Where(a => a != "seed" && model.VaryingAxes.Contains(a)).Distinct().ToList();
        var along = axes.FirstOrDefault(a => AxisValueOrder.AllNumeric(measured.Select(r => r.Axes[a]).Distinct().ToList()));
        var lineAxes = axes.Where(a => a != along).ToList();
        return measured
            .GroupBy(r => string.Join(" ", lineAxes.Select(a => $"{a}={r.Axes[a]}")))
            .Select(line => new ChartSeries(line.Key.Length == 0 ? "runs" : line.Key, line
                .GroupBy(r => r.ConfigurationKey)
                .OrderBy(c => along is null ? 0 : AxisValueOrder.Number(c.First().Axes[along]))
                .Select(c => (c.Average(r => r.Evaluation!.Kl!.Value), c.Average(r => -r.Evaluation!.Recon!.Value)))
                .ToList()))
            .ToList();
    }
}
