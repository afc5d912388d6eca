namespace VaeSweep.Core.Config;

/// <summary>
/// A loaded sweep file: the base configuration every run starts from and the axes that vary. Immutable;
/// produced only by <see cref="ConfigLoader"/>, whose checks guarantee that it expands into a valid plan.
/// </summary>
public sealed class SweepConfig
{
    internal SweepConfig() { }

    public required string Name { get; init; }

    /// <summary>The SQLite store path as written (or <c>runs/&lt;name&gt;.db</c>), relative to the working directory.</summary>
    public required string StorePath { get; init; }

    /// <summary>RunConfig defaults with the file's <c>base</c> section applied.</summary>
    public required RunConfig Base { get; init; }

    /// <summary>Cartesian axes in file order; the last one varies fastest.</summary>
    public required IReadOnlyList<SweepAxis> Grid { get; init; }

    /// <summary>Equal-length axes that move together as one compound axis, crossed with the grid.</summary>
    public required IReadOnlyList<SweepAxis> Zip { get; init; }

    public required IReadOnlyList<ExcludeRule> Excludes { get; init; }

    /// <summary>The <c>schedule.halving</c> rule, or null: every run trains to its last epoch.</summary>
    public HalvingRule? Halving { get; init; }

    /// <summary>The file path or display name errors are reported against.</summary>
    public required string SourceName { get; init; }

    /// <summary>The file's text as loaded, so a store can keep it and reload it to compare with a later edit.</summary>
    public required string SourceText { get; init; }

    /// <summary>Where each key of the <c>base</c> section is written, to place errors found after expansion.</summary>
    public required IReadOnlyDictionary<string, SourceLocation> BaseLocations { get; init; }

    /// <summary>Where the <c>sweep</c> section starts, for errors that concern the sweep as a whole.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>
    /// This sweep with another base: a store compares an edited file against the base it resolved when the sweep
    /// was recorded, so that defaults changed in code since then show up as changes.
    /// </summary>
    public SweepConfig WithBase(RunConfig resolvedBase) => new()
    {
        Name = Name, StorePath = StorePath, Base = resolvedBase, Grid = Grid, Zip = Zip, Excludes = Excludes, Halving = Halving,
        SourceName = SourceName, SourceText = SourceText, BaseLocations = BaseLocations, Location = Location,
    };

    /// <summary>Zip axes first (as one compound axis), then grid axes: the order of a run's axis columns.</summary>
    public IEnumerable<SweepAxis> Axes => Zip.Concat(Grid);
}
