using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace VaeSweep.Core.Platform;

/// <summary>
/// Writes a file so that after a crash at any moment the target holds either its old or its new content in full:
/// a unique temporary file in the same folder, fsync, rename over the target, fsync the folder. .NET on Linux
/// does not report fsync failures from FileStream.Flush(true), so fsync is called through libc and checked.
/// </summary>
public static partial class DurableFile
{
    public const string TemporarySuffix = ".tmp";

    /// <summary>Writes atomically and durably; returns the SHA-256 (lower-case hex) of what was written.</summary>
    /// <param name="faultPoint">The <see cref="FaultPoints"/> name hit between the fsync and the rename, for the
    /// crash tests of the writes that have one (checkpoints).</param>
    public static string Write(string path, ReadOnlySpan<byte> bytes, string? faultPoint = null)
    {
        var temporary = TemporaryFor(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush();
                Fsync(stream.SafeFileHandle, temporary);
            }
            if (faultPoint is not null) FaultPoints.Hit(faultPoint);
            Publish(temporary, path);
        }
        catch (IOException e)
        {
            TryDelete(temporary);
            throw new IOException($"cannot write {path}: {e.Message}", e);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
        return Sha256Hex(bytes);
    }

    /// <summary>A unique temporary name beside <paramref name="path"/> for a file another writer fills (the
    /// folder is created); <see cref="RemoveOrphans"/> finds it after a crash.</summary>
    public static string TemporaryFor(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{TemporarySuffix}");
    }

    /// <summary>Makes a complete <paramref name="temporary"/> file (from <see cref="TemporaryFor"/>) the content of
    /// <paramref name="path"/>: fsync it, rename it over the target, fsync the folder.</summary>
    public static void Commit(string temporary, string path)
    {
        using (var handle = File.OpenHandle(temporary, FileMode.Open, FileAccess.ReadWrite))
            Fsync(handle, temporary);
        Publish(temporary, path);
    }

    // The last step of both: the synced temporary replaces the target, and the folder's entry is made durable.
    private static void Publish(string temporary, string path)
    {
        File.Move(temporary, path, overwrite: true);
        FsyncFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Deletes temporary files an interrupted write left in the folder (their names start with '.').</summary>
    public static int RemoveOrphans(string folder)
    {
        if (!Directory.Exists(folder)) return 0;
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(folder, $".*{TemporarySuffix}"))
            if (TryDelete(file)) removed++;
        return removed;
    }

    private static bool TryDelete(string file)
    {
        try
        {
            File.Delete(file);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void Fsync(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string path)
    {
        if (!OperatingSystem.IsLinux()) return;
        if (fsync((int)handle.DangerousGetHandle()) != 0)
            throw new IOException($"fsync failed for {path} (errno {Marshal.GetLastPInvokeError()})");
    }

    private static void FsyncFolder(string folder)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = open(folder, 0 /* O_RDONLY */);
        if (fd < 0) throw new IOException($"cannot open folder {folder} to fsync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (fsync(fd) != 0) throw new IOException($"fsync failed for folder {folder} (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            close(fd);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc")]
    private static partial int close(int fd);
}
