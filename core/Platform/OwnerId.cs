using System.Globalization;

namespace VaeSweep.Core.Platform;

/// <summary>
/// Who holds a lease: "host:pid:worker". Because the host and process are in the name, a new `vaesweep run` on the
/// same machine can tell that a lease's holder has died (its pid is gone) and take the run over at once, instead of
/// waiting for the lease to expire as it must for holders on other machines.
/// </summary>
public static class OwnerId
{
    public static string ForThisProcess(string worker) =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{worker}");

    /// <summary>True when the owner ran on this machine and its process no longer exists.</summary>
    public static bool IsDeadOnThisMachine(string owner)
    {
        var parts = owner.Split(':');
        if (parts.Length < 3 || parts[0] != Environment.MachineName) return false;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return false;
        return !Directory.Exists($"/proc/{pid}") || IsZombie(pid);
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat[(stat.LastIndexOf(')') + 2)..];
            return afterName.StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
