namespace VaeSweep.Core.Benchmarks;

/// <summary>Resident-memory figures of this process, from /proc (Linux), for benchmarks and leak checks.</summary>
public static class ProcessMemory
{
    /// <summary>Peak resident set size (VmHWM) in bytes, or -1 where /proc is not available.</summary>
    public static long PeakResidentBytes() => ReadStatus("VmHWM:");

    /// <summary>Current resident set size (VmRSS) in bytes, or -1.</summary>
    public static long ResidentBytes() => ReadStatus("VmRSS:");

    private static long ReadStatus(string key)
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path)) return -1;
        foreach (var line in File.ReadLines(path))
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var parts = line[key.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        return -1;
    }
}
