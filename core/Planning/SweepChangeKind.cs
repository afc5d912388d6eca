namespace VaeSweep.Core.Planning;

/// <summary>How an edited sweep relates to the one its store was made with.</summary>
public enum SweepChangeKind
{
    /// <summary>The same runs, and the same settings for each.</summary>
    Unchanged,

    /// <summary>Only axis values (or zip tuples) were added: the old runs stay valid, new runs join the plan.</summary>
    Extended,

    /// <summary>Anything else: settings of existing runs changed, values or axes were removed, excludes edited.</summary>
    Changed,
}
