using System.Diagnostics;

namespace VaeSweep.Tests.StoreTests;

// A tiny tmpfs mounted for one test, so that "disk full" is real rather than simulated.
public sealed class SmallTmpfs : IDisposable
{
    private static readonly Lazy<string?> Probe = new(FindWhyUnavailable);

    private SmallTmpfs(string path) => Path = path;

    public string Path { get; }

    // Null when mounting works here; otherwise why not, for the skip message.
    public static string? Unavailable => Probe.Value;

    public static SmallTmpfs Mount(int kilobytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vaesweep-tmpfs", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            throw new InvalidOperationException($"mount failed ({code}): {output}");
        }
        return new SmallTmpfs(path);
    }

    public void Dispose()
    {
        if (Run("umount", Path).Code != 0)
        {
            Run("umount", "-l", Path);
        }
        Directory.Delete(Path);
    }

    private static string? FindWhyUnavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "a tmpfs can only be mounted on Linux";
        }
        try
        {
            using var probe = Mount(64);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): {e.Message}";
        }
    }

    private static (int Code, string Output) Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }
}
