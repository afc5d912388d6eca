using VaeSweep.Core.Config;

namespace VaeSweep.Core.Planning;

/// <summary>
/// Decides whether a sweep edited since its store was created may go on. Adding axis values extends the
/// sweep (run keys do not depend on grid position, so no finished run is retrained) and execution settings may
/// be retuned; any other change would leave existing runs answering a different question, and is refused with
/// the diff.
/// </summary>
public sealed class SweepComparison
{
    private SweepComparison(SweepChangeKind kind, IReadOnlyList<ConfigChange> changes)
    {
        Kind = kind;
        Changes = changes;
    }

    public SweepChangeKind Kind { get; }

    public IReadOnlyList<ConfigChange> Changes { get; }

    /// <summary>The changes to execution settings (<c>base.evaluation.chunk_size</c>, ...), which never refuse a sweep.</summary>
    public IEnumerable<ConfigChange> ExecutionChanges => Changes.Where(c => IsExecution(c.Path));

    public static SweepComparison Compare(SweepConfig stored, SweepConfig edited)
    {
        var changes = ConfigDiff.Between(stored, edited);
        if (changes.Count == 0) return new(SweepChangeKind.Unchanged, changes);
        if (changes.All(c => IsExecution(c.Path))) return new(SweepChangeKind.Retuned, changes);
        var kind = OnlyAddsValues(stored, edited) ? SweepChangeKind.Extended : SweepChangeKind.Changed;
        return new(kind, changes);
    }

    private static bool IsExecution(string flatPath) =>
        flatPath.StartsWith("base.", StringComparison.Ordinal) && ConfigKeys.IsExecution(flatPath["base.".Length..]);

    // Every change but an execution setting's must be an axis present on both sides whose new values include all the old ones.
    private static bool OnlyAddsValues(SweepConfig stored, SweepConfig edited)
    {
        var before = ConfigDiff.Flatten(stored);
        var after = ConfigDiff.Flatten(edited);
        if (!before.Keys.ToHashSet().SetEquals(after.Keys)) return false;
        if (before.Where(p => !p.Key.StartsWith("grid.", StringComparison.Ordinal) && !p.Key.StartsWith("zip.", StringComparison.Ordinal)
                              && !IsExecution(p.Key))
            .Any(p => after[p.Key] != p.Value))
            return false;
        return stored.Grid.All(old => Superset(edited.Grid.Single(a => a.Path == old.Path).Values, old.Values))
               && ZipTuples(stored).IsSubsetOf(ZipTuples(edited));
    }

    private static bool Superset(IReadOnlyList<AxisValue> values, IReadOnlyList<AxisValue> required) =>
        required.All(r => values.Any(v => v.Display == r.Display));

    // Zip lists move together, so a zip is extended only when every old tuple is still there.
    private static HashSet<string> ZipTuples(SweepConfig sweep)
    {
        var length = sweep.Zip.Count > 0 ? sweep.Zip[0].Values.Count : 0;
        return Enumerable.Range(0, length)
            .Select(i => string.Join("\u001f", sweep.Zip.OrderBy(a => a.Path, StringComparer.Ordinal).Select(a => $"{a.Path}={a.Values[i].Display}")))
            .ToHashSet();
    }

    /// <summary>One line per change, for the refusal message.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Changes);
}
