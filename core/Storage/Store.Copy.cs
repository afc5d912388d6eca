using VaeSweep.Core.Platform;

namespace VaeSweep.Core.Storage;

public sealed partial class Store
{
    /// <summary>
    /// Writes a consistent copy of this store to <paramref name="target"/>, replacing it atomically: SQLite's
    /// VACUUM INTO a temporary file beside the target (one file, whatever the write-ahead log holds), fsync, rename,
    /// fsync the folder. A reader of the target (another node on a shared file system) sees the old copy or the new
    /// one, never half of one. How a Slurm array task hands its part back from local disk.
    /// </summary>
    /// <exception cref="StoreException">The copy cannot be written; the message names the target.</exception>
    public void SaveCopy(string target)
    {
        string? temporary = null;
        try
        {
            temporary = DurableFile.TemporaryFor(target);
            Guard(() =>
            {
                using var session = Connect();
                session.Execute("VACUUM INTO $path", ("$path", temporary));
            });
            DurableFile.Commit(temporary, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot write the copy {target}: {e.Message}", e);
        }
        finally
        {
            if (temporary is not null && File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
