namespace VaeSweep.Core.Scheduling;

/// <summary>The sweep file changed settings of runs already in the store; the changes are listed.</summary>
/// <param name="fileUnchanged">The file is the one the sweep was recorded with, so the changes are defaults that
/// changed in vaesweep itself since then.</param>
public sealed class SweepChangedException(string sweep, string store, IReadOnlyList<string> changes, bool fileUnchanged = false)
    : Exception(fileUnchanged
        ? $"sweep '{sweep}' in {store} was recorded with other defaults than this vaesweep's; changed: {string.Join("; ", changes)}. " +
          "Write the old values into the sweep's base to go on with its runs, or use a new store."
        : $"sweep '{sweep}' in {store} was started with other settings; changed: {string.Join("; ", changes)}. " +
          "Only adding axis values (or changing execution settings) extends a sweep: undo the change, or give the sweep a new name or store.")
{
    public IReadOnlyList<string> Changes => changes;
}
