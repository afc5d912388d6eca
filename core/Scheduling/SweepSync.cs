using System.Text.Json;
using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;
using VaeSweep.Core.Storage;

namespace VaeSweep.Core.Scheduling;

/// <summary>
/// Brings the store in line with a sweep file: a new sweep is recorded with its runs; a sweep that only gained
/// axis values gains runs (nothing is retrained); a sweep whose execution settings changed passes them on to its
/// runs not yet completed; a sweep whose settings changed only under runs that never completed an epoch drops those
/// runs and plans the new ones; any other change under existing runs is refused with the list of what changed, and
/// nothing is written (<see cref="SweepVerdict"/> decides which).
/// </summary>
public static class SweepSync
{
    /// <param name="ExecutionChanges">Execution settings that differ from the recorded sweep's, as "path: old -> new".</param>
    /// <param name="Verdict">What the file does to the store, as `plan` shows it.</param>
    public sealed record Result(SweepInfo Sweep, Plan Plan, int NewRuns, bool Extended, IReadOnlyList<string> ExecutionChanges,
        SweepVerdict Verdict)
    {
        /// <summary>Stopped runs returned to pending because the sweep no longer halves.</summary>
        public int Resumed { get; init; }
    }

    public static Result Apply(IStore store, SweepConfig sweep)
    {
        var verdict = SweepVerdict.Judge(store, sweep, DateTimeOffset.UtcNow);
        var plan = verdict.Plan;
        var kind = verdict.Kind;
        var info = store.EnsureSweep(sweep.Name, sweep.SourceText, CanonicalConfig.ToJson(sweep.Base));
        if (verdict.Replanned.Count > 0)
            store.DropUnstartedRuns(info.Id, verdict.Replanned, "the sweep's settings changed before it completed an epoch");
        if (kind is SweepChangeKind.Extended or SweepChangeKind.Retuned or SweepChangeKind.Changed)
            store.UpdateSweepConfig(info.Id, sweep.SourceText, CanonicalConfig.ToJson(sweep.Base));
        var added = store.AddRuns(info.Id, plan.Runs.Select(r => new PlannedRun(r.Key, r.CanonicalJson, AxesJson(r))),
            SameRun);
        // Workers read the halving rule from the recorded file, so a changed rule is recorded even where nothing else
        // changed; a sweep without one resumes the runs an earlier rule stopped.
        if (kind == SweepChangeKind.Unchanged && verdict.Existing is { } existing && verdict.HalvingChanged)
            store.UpdateSweepConfig(existing.Id, sweep.SourceText, CanonicalConfig.ToJson(sweep.Base));
        var resumed = sweep.Halving is null ? store.ResumeStopped(info.Id) : 0;
        return new Result(info, plan, added, kind == SweepChangeKind.Extended, verdict.ExecutionChanges, verdict)
        {
            Resumed = resumed,
        };
    }

    /// <summary>Whether two recorded configs are the same run: equal but for execution settings.</summary>
    public static bool SameRun(RunConfig recorded, RunConfig planned) =>
        CanonicalConfig.IdentityJson(recorded) == CanonicalConfig.IdentityJson(planned);

    // Before execution settings left the run key, keys hashed the whole config. Such a store's runs would no
    // longer be found under their keys, and the sweep would quietly train every run again.
    internal static void RefuseOldRunKeys(IStore store, SweepInfo sweep)
    {
        var stale = store.Runs(sweep.Id).FirstOrDefault(r => RunKey.Of(r.Config) != r.RunKey);
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
