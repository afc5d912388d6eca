using System.Text.Json;
using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Reports;

/// <summary>Turns one store's sweep records into report rows, with a summary line per sweep.</summary>
internal static class ReportRows
{
    public static (List<ReportRow> Rows, List<string> Sources) From(IReadOnlyList<SweepRecord> sweeps, string label,
        bool pictures)
    {
        var rows = new List<ReportRow>();
        var sources = new List<string>();
        foreach (var sweep in sweeps)
        {
            rows.AddRange(sweep.Runs.Select(run => Row(sweep, run, label, pictures)));
            var states = sweep.Runs.GroupBy(r => r.State).OrderBy(g => g.Key)
                .Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
            var halving = Halving.Summary(sweep.Rungs ?? []) is { } line ? "; " + line : "";
            sources.Add($"{label}/{sweep.Name}: {sweep.Runs.Count} runs ({string.Join(", ", states)}){halving}");
        }
        if (sources.Count == 0) sources.Add($"{label}: no sweeps recorded");
        return (rows, sources);
    }

    private static ReportRow Row(SweepRecord sweep, RunRecord run, string label, bool pictures)
    {
        RunConfig config;
        try
        {
            config = CanonicalConfig.FromJson(run.ConfigJson);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new ReportException($"run {run.RunKey} in {sweep.Store} has a config this build cannot read: {e.Message}");
        }
        var axes = AxisValue.ReadAxes(run.AxesJson).ToDictionary(a => a.Path, a => a.Value);
        var images = pictures ? run.Artifacts.Select(a => ReportPicture.Read(a, sweep.ArtifactFolder)).ToList() : [];
        return new ReportRow(label, sweep.Name, run, config, axes,
            ConfigJsonPaths.Without(run.ConfigJson, "objective.kind", "seed"),
            ConfigJsonPaths.Without(run.ConfigJson, "seed"), images);
    }
}
