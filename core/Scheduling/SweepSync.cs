using System.Text.Json;
using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;
using VaeSweep.Core.Storage;

namespace VaeSweep.Core.Scheduling;

/// <summary>
/// Brings the store in line with a sweep file: a new sweep is recorded with its runs; a sweep that only gained
/// axis values gains runs (nothing is retrained); a sweep whose execution settings changed passes them on to its
/// runs not yet completed; a sweep whose settings changed under existing runs is refused with the list of what
/// changed, and nothing is written.
/// </summary>
public static class SweepSync
{
    /// <param name="ExecutionChanges">Execution settings that differ from the recorded sweep's, as "path: old -> new".</param>
    public sealed record Result(SweepInfo Sweep, Plan Plan, int NewRuns, bool Extended, IReadOnlyList<string> ExecutionChanges);

    public static Result Apply(Store store, SweepConfig sweep)
    {
        var plan = Planner.Expand(sweep);
        var existing = store.Sweeps().FirstOrDefault(s => s.Name == sweep.Name);
        var kind = SweepChangeKind.Unchanged;
        IReadOnlyList<string> executionChanges = [];
        if (existing is not null)
        {
            RefuseOldRunKeys(store, existing);
            // The recorded base, not the recorded file re-resolved: a default changed in code since the sweep
            // began must show up as a change, or the same file would plan new runs beside the old ones.
            var stored = ConfigLoader.LoadString(existing.ConfigText, $"{store.Path} (sweep '{sweep.Name}' as first run)")
                .WithBase(existing.BaseConfig);
            var comparison = SweepComparison.Compare(stored, sweep);
            if (comparison.Kind == SweepChangeKind.Changed)
            {
                throw new SweepChangedException(sweep.Name, store.Path, comparison.Changes.Select(c => c.ToString()).ToList(),
                    fileUnchanged: existing.ConfigText == sweep.SourceText);
            }
            kind = comparison.Kind;
            executionChanges = comparison.ExecutionChanges.Select(c => c.ToString()).ToList();
        }
        var info = store.EnsureSweep(sweep.Name, sweep.SourceText, CanonicalConfig.ToJson(sweep.Base));
        if (kind is SweepChangeKind.Extended or SweepChangeKind.Retuned)
            store.UpdateSweepConfig(info.Id, sweep.SourceText, CanonicalConfig.ToJson(sweep.Base));
        var added = store.AddRuns(info.Id, plan.Runs.Select(r => new PlannedRun(r.Key.Value, r.CanonicalJson, AxesJson(r))),
            SameRun);
        return new Result(info, plan, added, kind == SweepChangeKind.Extended, executionChanges);
    }

    /// <summary>Whether two recorded configs are the same run: equal but for execution settings.</summary>
    public static bool SameRun(string recordedJson, string plannedJson) =>
        CanonicalConfig.IdentityJson(CanonicalConfig.FromJson(recordedJson)) ==
        CanonicalConfig.IdentityJson(CanonicalConfig.FromJson(plannedJson));

    // Before execution settings left the run key, keys hashed the whole config. Such a store's runs would no
    // longer be found under their keys, and the sweep would quietly train every run again.
    private static void RefuseOldRunKeys(Store store, SweepInfo sweep)
    {
        var stale = store.Runs(sweep.Id).FirstOrDefault(r => RunKey.Of(r.Config).Value != r.RunKey);
        if (stale is not null)
        {
            throw new StoreException(
                $"store {store.Path} was made by an older vaesweep whose run keys hashed execution settings too (run {stale.RunKey}); " +
                "its results can still be reported, but continue the sweep in a new store");
        }
    }

    /// <summary>The run's axis values as one JSON object, in axis order (path -> display value).</summary>
    public static string AxesJson(RunSpec run)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (path, value) in run.Axes) writer.WriteString(path, AxisValue.Readable(value));
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
