using System.Text.Json;

namespace VaeSweep.Core.Scheduling;

/// <summary>A run's axis values (the store's axes_json, written by <see cref="SweepSync.AxesJson"/>) as
/// "path=value" pairs for progress and status lines.</summary>
public static class AxesText
{
    public static string Describe(string axesJson, string separator)
    {
        using var doc = JsonDocument.Parse(axesJson);
        return string.Join(separator, doc.RootElement.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}"));
    }
}
