using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;


namespace VaeSweep.Core.Reports;

/// <summary>Lays a model out as display tables: the runs, the pivot, the comparisons.</summary>
public static class ReportTables
{
    /// <summary>Longest failure reason shown in a table; the CSV and JSON keep it whole.</summary>
    public const int ReasonWidth = 48;

    public static IReadOnlyList<TextTable> Build(ReportModel model)
    {
        var tables = new List<TextTable> { Runs(model) };
        if (model.Pivot is { } pivot) tables.Add(Pivot(pivot, model.Metric));
        tables.AddRange(model.Differences.Select(d => Differences(d, model.Metric)));
        if (model.Comparisons is { } comparisons) tables.Add(Comparisons(comparisons, model.Metric));
        return tables;
    }

    public static TextTable Runs(ReportModel model)
    {
        var headers = new List<string> { "" };
        if (model.ShowSource) headers.Add("source");
        headers.AddRange(model.VaryingAxes);
        headers.Add(ParameterCount.Header);
        // The classifier's column only where a run has one (M2), so reports of other sweeps keep their shape.
        var classifier = model.Rows.Any(r => r.Evaluation?.ClassifierAccuracy is not null);
        string[] metrics = ["log p(x) ± se", KHatHeader, "test elbo", "kl", "recon", "AU", InformationHeader, "probe acc",
            .. classifier ? [ReportMetric.ClassifierAccuracy.Header] : Array.Empty<string>(), "epochs", "time", "state"];
        headers.AddRange(metrics);
        var right = headers.Select((h, i) => (i >= headers.Count - metrics.Length && h != "state") || h == ParameterCount.Header).ToList();
        var rows = model.Rows.Select(r => (IReadOnlyList<string>)RunCells(model, r, classifier).ToList()).ToList();
        var direction = model.Metric.HigherIsBetter ? "higher is better" : "lower is better";
        var notes = model.Rows.Count == 0 ? new List<string> { "no runs recorded yet" } : [];
        if (model.Rows.Any(r => r.Evaluation?.ProbeAccuracy is not null))
        {
            notes.Add("probe acc: test accuracy of a linear classifier of the posterior means, trained on the labels of the "
                + $"first {Evaluation.LinearProbe.TrainLimit.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} training examples by a fixed recipe (core/Evaluation/LinearProbe.cs)");
        }
        if (model.Rows.Select(r => r.Evaluation?.MutualInformation?.Points).Max() is { } points)
        {
            var n = points.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            var bound = Math.Log(points).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
            notes.Add($"{InformationHeader}: mutual information of x and z under the encoder, in nats, over the first {n} "
                + $"test points with the aggregate posterior as their mixture (at most log {n} = {bound}; "
                + "core/Evaluation/MutualInformation.cs); the KL minus it is what the posteriors pay for disagreeing with the prior");
        }
        if (classifier)
            notes.Add("classifier acc: test accuracy of an M2 run's own classifier q(y|x), its most probable class (objective.kind: m2)");
        if (model.Rows.Any(r => r.Evaluation?.KHat is not null))
        {
            notes.Add($"{KHatHeader}: share of test points whose importance weights have a Pareto k-hat above 0.7 (PSIS), "
                + $"whose estimates have not converged; above {ReportNumbers.Percent(KHatSummary.FlagShare)} the run's log p(x) "
                + "is flagged: a lower bound short by an unknown amount, which favours the better proposal in comparisons");
        }
        return new TextTable($"runs by {model.Metric.Name} ({direction}; * marks the best)", headers, right, rows, notes);
    }

    private static IEnumerable<string> RunCells(ReportModel model, ReportRow r, bool classifier)
    {
        yield return r.IsBest ? "*" : "";
        if (model.ShowSource) yield return r.Source;
        foreach (var axis in model.VaryingAxes) yield return r.Axes[axis];
        yield return ParameterCount.Display(r.Config);
        var e = r.Evaluation;
        yield return e is null ? "-" : $"{ReportNumbers.Display(e.LogLikelihood)} ± {ReportNumbers.Display(e.LogLikelihoodSe)}";
        yield return KHatCell(e?.KHat);
        yield return ReportNumbers.Display(e?.Elbo);
        yield return ReportNumbers.Display(e?.Kl);
        yield return ReportNumbers.Display(e?.Recon);
        yield return e?.ActiveUnits?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
        yield return ReportNumbers.Display(e?.MutualInformation?.Value);
        yield return e?.ProbeAccuracy is { } probe ? ReportNumbers.Percent(probe) : "-";
        if (classifier) yield return e?.ClassifierAccuracy is { } accuracy ? ReportNumbers.Percent(accuracy) : "-";
        yield return $"{r.Epochs.Count}/{r.Config.Training.Epochs}";
        yield return ReportNumbers.Duration(r.WallSeconds);
        yield return State(r);
    }

    public const string InformationHeader = "I(x;z)";

    /// <summary>The runs table's k-hat column.</summary>
    public const string KHatHeader = "k-hat > 0.7";

    /// <summary>The share of unreliable points, "estimate unreliable" where it is above the flag.</summary>
    public static string KHatCell(KHatSummary? k) => k switch
    {
        null => "-",
        { EstimateUnreliable: true } => $"{ReportNumbers.Percent(k.UnreliableShare)} estimate unreliable",
        _ => ReportNumbers.Percent(k.UnreliableShare),
    };

    /// <summary>The state, with the reason of a failed or diverged run cut to <see cref="ReasonWidth"/>.</summary>
    public static string State(ReportRow r)
    {
        var state = r.Run.State.ToString().ToLowerInvariant();
        if (r.Run.State is not (RunState.Failed or RunState.Diverged) || string.IsNullOrEmpty(r.Run.Reason)) return state;
        var reason = r.Run.Reason.ReplaceLineEndings(" ");
        return $"{state}: {(reason.Length <= ReasonWidth ? reason : reason[..(ReasonWidth - 3)] + "...")}";
    }

    public static TextTable Pivot(PivotTable pivot, ReportMetric metric)
    {
        var headers = pivot.RowAxes.ToList();
        // Each group's size where the groups differ in it: comparisons across architectures are at these sizes.
        var sizes = pivot.SizesDiffer;
        if (pivot.ColumnAxis is { } across)
        {
            headers[^1] = $"{headers[^1]} \\ {across}";
            if (sizes) headers.Add(ParameterCount.Header);
            headers.AddRange(pivot.ColumnKeys);
        }
        else
        {
            if (sizes) headers.Add(ParameterCount.Header);
            headers.Add(metric.Name);
        }
        var right = headers.Select((_, i) => i >= pivot.RowAxes.Count).ToList();
        var rows = pivot.RowKeys.Select((key, i) => (IReadOnlyList<string>)key
            .Concat(sizes ? [Parameters(pivot.RowParameters[i])] : Array.Empty<string>())
            .Concat(pivot.Cells[i].Select(Cell)).ToList()).ToList();
        var by = string.Join(" x ", pivot.ColumnAxis is null ? pivot.RowAxes : [.. pivot.RowAxes, pivot.ColumnAxis]);
        var notes = new List<string>
        {
            "cells: mean ± 95% t-interval over completed runs (n); failed, diverged and unfinished runs are counted, not averaged",
        };
        if (pivot.PooledAxes.Count > 0) notes.Add($"cells pool over: {string.Join(", ", pivot.PooledAxes)}");
        return new TextTable($"{metric.Name} by {by}", headers, right, rows, notes);
    }

    private static string Parameters((long Min, long Max) range) => range.Min == range.Max
        ? ParameterCount.Display(range.Min)
        : $"{ParameterCount.Display(range.Min)}-{ParameterCount.Display(range.Max)}";

    private static string Cell(PivotCell? cell)
    {
        if (cell is null) return "";
        var counts = new List<string>();
        if (cell.Value is { } v) counts.Add($"n={v.N}");
        if (cell.Broken > 0) counts.Add($"{cell.Broken} broken");
        if (cell.Unfinished > 0) counts.Add($"{cell.Unfinished} unfinished");
        var value = cell.Value is { } m ? ReportNumbers.WithInterval(m) + " " : "";
        return $"{value}({string.Join(", ", counts)})";
    }

    public static TextTable Differences(AxisDifferences differences, ReportMetric metric)
    {
        var axis = differences.Axis;
        var settingAxes = differences.Differences.FirstOrDefault()?.Setting.Select(s => s.Key).ToList() ?? [];
        var headers = settingAxes.Concat([axis, "pairs", "mean", $"at {differences.Reference}", "difference", "method", "left out"]).ToList();
        var right = headers.Select((h, i) => i > settingAxes.Count && h != "method").ToList();
        var rows = differences.Differences.Select(d => (IReadOnlyList<string>)d.Setting.Select(s => s.Value).Concat(
        [
            d.Level, d.Pairs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ReportNumbers.Display(d.LevelMean), ReportNumbers.Display(d.ReferenceMean),
            ReportNumbers.WithInterval(d.Difference, signed: true), d.Method,
            d.LeftOut.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ]).ToList()).ToList();
        var notes = new List<string>
        {
            $"difference: each {axis} minus {axis}={differences.Reference}, between runs equal in every other config value, "
            + "paired by seed; ± is a 95% interval",
            PairedDifference.MethodNote,
        };
        if (rows.Count == 0) notes.Insert(0, $"no setting has another {axis} completed at the same seed as {axis}={differences.Reference}");
        return new TextTable($"{metric.Name}: {axis} against {axis}={differences.Reference} at matched settings", headers, right, rows, notes);
    }

    public static TextTable Comparisons(IReadOnlyList<PairedComparison> comparisons, ReportMetric metric)
    {
        var axes = comparisons.FirstOrDefault()?.Setting.Select(s => s.Key).ToList() ?? [];
        var headers = axes.Concat(["pairs", "iwae", "vae", "iwae - vae", "method", "left out"]).ToList();
        var right = headers.Select((h, i) => i >= axes.Count && h != "method").ToList();
        var rows = comparisons.Select(c => (IReadOnlyList<string>)c.Setting.Select(s => s.Value).Concat(
        [
            c.Pairs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ReportNumbers.Display(c.IwaeMean), ReportNumbers.Display(c.VaeMean),
            ReportNumbers.WithInterval(c.Difference, signed: true), c.Method,
            c.Unpaired.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ]).ToList()).ToList();
        var notes = new List<string>
        {
            "pairs match every config value but the objective; seeds pair the runs; ± is a 95% interval",
            PairedDifference.MethodNote,
        };
        if (comparisons.Count == 0) notes.Insert(0, "no setting has both an IWAE and a VAE run completed at the same seed");
        return new TextTable($"IWAE minus VAE in {metric.Name} at matched settings", headers, right, rows, notes);
    }
}
