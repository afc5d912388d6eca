namespace VaeSweep.Core.Runs;

/// <summary>Files of a run live beside the store: runs/beta.db keeps runs/beta/RUNKEY/{checkpoints,pictures,...}.</summary>
public static class RunFolders
{
    public static string ForRun(string storePath, string runKey)
    {
        var full = Path.GetFullPath(storePath);
        var sweepFolder = Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full));
        return Path.Combine(sweepFolder, runKey);
    }

    public static string Logs(string storePath)
    {
        var full = Path.GetFullPath(storePath);
        return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full), "logs");
    }
}
