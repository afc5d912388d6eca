namespace VaeSweep.Core.Platform;

/// <summary>
/// Named points where the process can be made to die on purpose, for the crash tests of RELIABILITY.md:
/// VAESWEEP_FAULT=name (or name:N to die at the N-th hit) kills the process with no cleanup at that point,
/// exactly as kill -9 would. Unset, each hit is one dictionary-free string comparison.
/// </summary>
public static class FaultPoints
{
    private static readonly string? Name;
    private static readonly int DieAt;
    private static int hits;

    static FaultPoints()
    {
        var spec = Environment.GetEnvironmentVariable("VAESWEEP_FAULT");
        if (string.IsNullOrEmpty(spec)) return;
        var parts = spec.Split(':');
        Name = parts[0];
        DieAt = parts.Length > 1 && int.TryParse(parts[1], out var n) && n > 0 ? n : 1;
    }

    public static void Hit(string name)
    {
        if (Name is null || name != Name) return;
        if (Interlocked.Increment(ref hits) < DieAt) return;
        Console.Error.WriteLine($"fault injected at {name}");
        Console.Error.Flush();
        // SIGKILL, as kill -9 would: no finally blocks, no flushing, no cleanup.
        System.Diagnostics.Process.GetCurrentProcess().Kill();
    }
}
