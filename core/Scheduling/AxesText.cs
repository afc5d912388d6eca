using VaeSweep.Core.Config;

namespace VaeSweep.Core.Scheduling;

/// <summary>A run's axis values (the store's axes_json, written by <see cref="SweepSync.AxesJson"/>) as
/// "path=value" pairs for progress and status lines.</summary>
public static class AxesText
{
    public static string Describe(string axesJson, string separator) =>
        string.Join(separator, AxisValue.ReadAxes(axesJson).Select(a => $"{a.Path}={a.Value}"));
}
