using System.Text.Json;
using VaeSweep.Core.Config;
using VaeSweep.Core.Storage;

namespace VaeSweep.Core.Reports;

/// <summary>Reads one store's sweeps into report rows through the store's public API.</summary>
internal static class StoreReader
{
    /// <summary>Rows of every sweep in the store, with the axes their own sweep names; a summary line per sweep.</summary>
    public static (List<ReportRow> Rows, List<string> Sources) Read(string path, string label, bool pictures)
    {
        // A file store is opened read-only (nothing created behind a typo, nothing left beside another user's store).
        var server = StoreLocation.IsServer(path);
        using IStore store = server ? StoreLocation.Open(path) : Store.OpenReadOnly(path);
        // A server store records absolute artifact paths; a file store's may be relative to its folder.
        var folder = server ? Environment.CurrentDirectory : Path.GetDirectoryName(store.Path)!;
        var rows = new List<ReportRow>();
        var sources = new List<string>();
        foreach (var sweep in store.Sweeps())
        {
            var runs = store.Runs(sweep.Id);
            rows.AddRange(runs.Select(run => ReadRun(store, run, label, sweep.Name, folder, pictures)));
            var states = runs.GroupBy(r => r.State).OrderBy(g => g.Key)
                .Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
            sources.Add($"{label}/{sweep.Name}: {runs.Count} runs ({string.Join(", ", states)})");
        }
        if (sources.Count == 0) sources.Add($"{label}: no sweeps recorded");
        return (rows, sources);
    }

    private static ReportRow ReadRun(IStore store, RunRow run, string label, string sweep, string folder, bool pictures)
    {
        Config.RunConfig config;
        try
        {
            config = run.Config;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new ReportException($"run {run.RunKey} in {store.Path} has a config this build cannot read: {e.Message}");
        }
        var axes = AxisValue.ReadAxes(run.AxesJson).ToDictionary(a => a.Path, a => a.Value);
        var evaluation = store.Evaluation(run.RunKey);
        var images = pictures
            ? store.Artifacts(run.RunKey).Select(a => Picture(a, folder)).ToList()
            : [];
        return new ReportRow(label, sweep, run, config, axes,
            ConfigJsonPaths.Without(run.ConfigJson, "objective.kind", "seed"),
            ConfigJsonPaths.Without(run.ConfigJson, "seed"),
            evaluation, store.Epochs(run.RunKey), store.Bounds(run.RunKey), images) { Points = store.Points(run.RunKey) };
    }

    // Artifact paths are recorded as written: a relative one is looked for beside the store first, then from
    // the working folder (where `vaesweep run` was started).
    private static ReportPicture Picture(ArtifactRow artifact, string folder)
    {
        if (!artifact.Path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            return new ReportPicture(artifact.Kind, artifact.Path, null);
        var found = new[] { Path.Combine(folder, artifact.Path), artifact.Path }.FirstOrDefault(File.Exists);
        return new ReportPicture(artifact.Kind, artifact.Path, found is null ? null : File.ReadAllBytes(found));
    }
}
