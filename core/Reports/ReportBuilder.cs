using System.Text.Json;
using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Reports;

/// <summary>
/// Reads one or more stores into a <see cref="ReportModel"/>. It reads whatever is recorded, so a sweep that is
/// still running or was interrupted reports its finished runs and the epochs of the others.
/// </summary>
public static class ReportBuilder
{
    /// <param name="read">Reads one store's sweeps from where <see cref="ReportOptions.Stores"/> names it; what it
    /// throws for a missing or foreign store passes through.</param>
    /// <exception cref="ReportException">An axis or metric is unknown, or a run's config cannot be read.</exception>
    public static ReportModel Build(ReportOptions options, Func<string, IReadOnlyList<SweepRecord>> read)
    {
        var metric = ReportMetric.Parse(options.Metric);
        var labels = Labels(options.Stores);
        var rows = new List<ReportRow>();
        var sources = new List<string>();
        for (var i = 0; i < options.Stores.Count; i++)
        {
            var (storeRows, storeSources) = ReportRows.From(read(options.Stores[i]), labels[i], options.Pictures);
            rows.AddRange(storeRows);
            sources.AddRange(storeSources);
        }

        var axes = rows.SelectMany(r => r.Axes.Keys).Distinct().ToList();
        var by = options.By.Select(a => a.Trim()).Where(a => a != "").ToList();
        foreach (var axis in by) RequireAxis(axis, axes);
        axes.AddRange(by.Where(a => !axes.Contains(a)));
        rows = rows.Select(r => WithAllAxes(r, axes)).ToList();

        var varying = axes.Where(a => rows.Select(r => r.Axes[a]).Distinct().Count() > 1).ToList();
        var showSource = rows.Select(r => r.Source).Distinct().Count() > 1;
        var pivot = by.Count == 0 ? null : ReportGrouping.Pivot(rows, by, varying, metric);
        var comparisons = options.Compare ? ReportComparisons.Compare(rows, varying, metric) : null;
        // With --compare, objective.kind's differences against vae are the IWAE-minus-VAE table already.
        var differences = by.Where(a => a != "seed" && !(options.Compare && a == ReportComparisons.Axis))
            .Select(a => LevelComparisons.Compare(rows, a, varying, metric)).OfType<AxisDifferences>().ToList();
        return new ReportModel(ReportRanking.Rank(rows, metric), axes, varying, showSource, metric, pivot,
            comparisons, sources, differences);
    }

    /// <summary>Any swept axis or any config key may be grouped by; anything else is a one-line error.</summary>
    private static void RequireAxis(string axis, IReadOnlyList<string> swept)
    {
        if (swept.Contains(axis) || ConfigKeys.ByPath.ContainsKey(axis)) return;
        var guess = Suggest.Closest(axis, swept.Concat(ConfigKeys.ByPath.Keys));
        var hint = guess is null ? "" : $"; did you mean '{guess}'?";
        var listed = swept.Count == 0 ? "none" : string.Join(", ", swept);
        throw new ReportException(
            $"unknown axis '{axis}'{hint} (swept axes: {listed}; any config key such as model.latent is also allowed)");
    }

    // An axis one sweep varied and another did not still has a value in every run: its configured one.
    private static ReportRow WithAllAxes(ReportRow row, IReadOnlyList<string> axes)
    {
        using var config = JsonDocument.Parse(row.Run.ConfigJson);
        var all = axes.ToDictionary(a => a,
            a => row.Axes.TryGetValue(a, out var v) ? v : ConfigJsonPaths.Display(config.RootElement, a) ?? "");
        return row with { Axes = all };
    }

    // Stores are named by file name, or by full path where two share a name.
    private static List<string> Labels(IReadOnlyList<string> stores)
    {
        var names = stores.Select(s => Path.GetFileNameWithoutExtension(s)).ToList();
        return names.Select((n, i) => names.Count(x => x == n) > 1 ? Path.GetFullPath(stores[i]) : n).ToList();
    }
}
