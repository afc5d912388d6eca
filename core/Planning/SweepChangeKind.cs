namespace VaeSweep.Core.Planning;

/// <summary>How an edited sweep relates to the one its store was made with.</summary>
public enum SweepChangeKind
{
    /// <summary>The same runs, and the same settings for each.</summary>
    Unchanged,

    /// <summary>
    /// Only execution settings (<c>evaluation.chunk_size</c>, ...) changed: the same runs, carried out differently
    /// from now on. Runs not yet completed take the new settings.
    /// </summary>
    Retuned,

    /// <summary>Axis values (or zip tuples) were added, execution settings perhaps changed: the old runs stay valid, new runs join the plan.</summary>
    Extended,

    /// <summary>Anything else: settings of existing runs changed, values or axes were removed, excludes edited.</summary>
    Changed,
}
