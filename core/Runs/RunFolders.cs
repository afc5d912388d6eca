namespace VaeSweep.Core.Runs;

/// <summary>
/// Files of a run live beside the store: runs/beta.db keeps runs/beta/RUNKEY/{checkpoints,pictures,...}. A server
/// store (postgresql://USER@HOST/DB) has no "beside": its files go to runs/DB under the working directory, which
/// every process of a sweep shares (workers inherit it; Slurm tasks start in the submitting directory). On a cluster
/// that directory must be on a file system every node mounts, as Slurm's logs already require.
/// </summary>
public static class RunFolders
{
    public static string ForRun(string storePath, string runKey) => Path.Combine(SweepFolder(storePath), runKey);

    public static string Logs(string storePath) => Path.Combine(SweepFolder(storePath), "logs");

    private static string SweepFolder(string storePath)
    {
        var scheme = storePath.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            var database = Uri.UnescapeDataString(storePath[(storePath.LastIndexOf('/') + 1)..]);
            return Path.GetFullPath(Path.Combine("runs", database));
        }
        var full = Path.GetFullPath(storePath);
        return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full));
    }
}
