namespace VaeSweep.Core.Sweeps;

/// <summary>The sweep file changed settings of runs already in the store; the changes are listed.</summary>
public sealed class SweepChangedException(string sweep, string store, IReadOnlyList<string> changes)
    : Exception($"sweep '{sweep}' in {store} was started with other settings; changed: {string.Join("; ", changes)}. " +
                "Only adding axis values extends a sweep: undo the change, or give the sweep a new name or store.")
{
    public IReadOnlyList<string> Changes => changes;
}
