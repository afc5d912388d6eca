namespace VaeSweep.Core.Storage;

/// <summary>What <c>Store.Examine</c> found. Violations break an invariant of RELIABILITY.md; notes describe a
/// sweep that is merely not done (unfinished runs, leases of dead processes that the next `run` releases).</summary>
public sealed record StoreHealth(IReadOnlyList<string> Violations, IReadOnlyList<string> Notes)
{
    public bool IsHealthy => Violations.Count == 0;
}
