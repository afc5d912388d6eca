using System.Globalization;
using VaeSweep.Core.Pictures;
using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Reports;

/// <summary>The charts of the HTML report, built from the model as SVG text.</summary>
internal static class HtmlCharts
{
    /// <summary>A short run label from its varying axes ("kind=iwae beta=1 seed=0").</summary>
    public static string RunLabel(ReportModel model, ReportRow row)
    {
        var parts = model.VaryingAxes.Select(a => $"{a[(a.LastIndexOf('.') + 1)..]}={row.Axes[a]}").ToList();
        if (model.ShowSource) parts.Insert(0, row.Source);
        return parts.Count == 0 ? row.Run.RunKey : string.Join(" ", parts);
    }

    /// <summary>Train loss, ELBO (train and validation) and KL over epochs, with k-schedule changes marked.</summary>
    public static IEnumerable<string> LearningCurves(ReportRow row)
    {
        var epochs = row.Epochs;
        var markers = epochs.Skip(1).Where((e, i) => e.K != epochs[i].K)
            .Select(e => ((double)e.Epoch, $"k={e.K}")).ToList();
        (double, double) P(EpochRecord e, double? y) => (e.Epoch, y ?? double.NaN);
        yield return SvgChart.Line("train loss", "epoch", "nats", [new("loss", epochs.Select(e => P(e, e.TrainLoss)).ToList())], markers: markers);
        var elbo = new List<ChartSeries> { new("train", epochs.Select(e => P(e, e.TrainElbo)).ToList()) };
        if (epochs.Any(e => e.ValidElbo is not null))
            elbo.Add(new ChartSeries("validation", epochs.Select(e => P(e, e.ValidElbo)).ToList(), Dashed: true));
        yield return SvgChart.Line("ELBO", "epoch", "nats", elbo, markers: markers);
        yield return SvgChart.Line("KL", "epoch", "nats", [new("kl", epochs.Select(e => P(e, e.TrainKl)).ToList())], markers: markers);
    }

    /// <summary>The bound against k for every run that has bounds, on a log k axis.</summary>
    public static string? BoundAgainstK(ReportModel model)
    {
        var series = model.Rows.Where(r => r.Bounds.Count > 0)
            .Select(r => new ChartSeries(RunLabel(model, r), r.Bounds.Select(b => ((double)b.K, b.Value)).ToList()))
            .ToList();
        return series.Count == 0 ? null : SvgChart.Line("IWAE bound against k (test set)", "k (log scale)", "bound (nats)", series, logX: true);
    }

    /// <summary>
    /// A metric against a numeric axis, one line per value of another axis, each point the mean over the
    /// runs there (seeds pooled). Values sit at even spacing: sweeps space values like beta geometrically.
    /// </summary>
    public static IEnumerable<string> MetricAgainstAxis(ReportModel model, IReadOnlyList<string> by)
    {
        var candidates = by.Concat(model.VaryingAxes).Where(a => a != "seed" && model.VaryingAxes.Contains(a)).Distinct();
        var xAxis = candidates.FirstOrDefault(a => AxisValueOrder.AllNumeric(model.Rows.Select(r => r.Axes[a]).Distinct().ToList()));
        if (xAxis is null) yield break;
        var lineAxis = by.Concat(model.VaryingAxes).FirstOrDefault(a => a != "seed" && a != xAxis && model.VaryingAxes.Contains(a));
        var xs = AxisValueOrder.Sort(model.Rows.Select(r => r.Axes[xAxis]));
        var lines = lineAxis is null ? [""] : AxisValueOrder.Sort(model.Rows.Select(r => r.Axes[lineAxis]));
        var ticks = xs.Select((x, i) => ((double)i, x)).ToList();
        foreach (var metric in new[] { ReportMetric.LogLikelihood, ReportMetric.All.First(m => m.Name == "kl") })
        {
            var series = lines.Select(line => new ChartSeries(lineAxis is null ? metric.Name : $"{lineAxis}={line}",
                xs.Select((x, i) =>
                {
                    var cell = ReportGrouping.Cell(model.Rows.Where(r => r.Axes[xAxis] == x
                        && (lineAxis is null || r.Axes[lineAxis] == line)).ToList(), metric);
                    return ((double)i, cell.Value?.Mean ?? double.NaN);
                }).ToList())).ToList();
            yield return SvgChart.Line($"{metric.Header} against {xAxis}", xAxis, metric.Header, series, xTicks: ticks);
        }
    }

    public static string StateClass(ReportRow row) => row.Run.State switch
    {
        RunState.Failed or RunState.Diverged => "broken",
        RunState.Completed => "done",
        _ => "open",
    };

    public static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
