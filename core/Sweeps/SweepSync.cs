using System.Text.Json;
using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;
using VaeSweep.Core.Storage;

namespace VaeSweep.Core.Sweeps;

/// <summary>
/// Brings the store in line with a sweep file: a new sweep is recorded with its runs; a sweep that only gained
/// axis values gains runs (nothing is retrained); a sweep whose settings changed under existing runs is refused with
/// the list of what changed, and nothing is written.
/// </summary>
public static class SweepSync
{
    public sealed record Result(SweepInfo Sweep, Plan Plan, int NewRuns, bool Extended);

    public static Result Apply(Store store, SweepConfig sweep)
    {
        var plan = Planner.Expand(sweep);
        var existing = store.Sweeps().FirstOrDefault(s => s.Name == sweep.Name);
        var extended = false;
        if (existing is not null)
        {
            var stored = ConfigLoader.LoadString(existing.ConfigText, $"{store.Path} (sweep '{sweep.Name}' as first run)");
            var comparison = SweepComparison.Compare(stored, sweep);
            if (comparison.Kind == SweepChangeKind.Changed)
                throw new SweepChangedException(sweep.Name, store.Path, comparison.Changes.Select(c => c.ToString()).ToList());
            extended = comparison.Kind == SweepChangeKind.Extended;
        }
        var info = store.EnsureSweep(sweep.Name, sweep.SourceText, CanonicalConfig.ToJson(sweep.Base));
        if (extended) store.UpdateSweepConfig(info.Id, sweep.SourceText, CanonicalConfig.ToJson(sweep.Base));
        var added = store.AddRuns(info.Id, plan.Runs.Select(r =>
            new PlannedRun(r.Key.Value, r.CanonicalJson, AxesJson(r))));
        return new Result(info, plan, added, extended);
    }

    /// <summary>The run's axis values as one JSON object, in axis order (path -> display value).</summary>
    public static string AxesJson(RunSpec run)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (path, value) in run.Axes) writer.WriteString(path, Readable(value));
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    // An axis value's display is its canonical JSON; a JSON string reads better without its quotes.
    private static string Readable(string canonicalJson)
    {
        using var doc = JsonDocument.Parse(canonicalJson);
        return doc.RootElement.ValueKind == JsonValueKind.String ? doc.RootElement.GetString()! : canonicalJson;
    }
}
