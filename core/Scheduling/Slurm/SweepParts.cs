using System.Text.Json;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Scheduling.Slurm;

/// <summary>
/// A sweep out in parts (`run --launcher slurm --parts`): one SQLite part per array task in runs/SWEEP/slurm/parts/
/// on the shared folder (part-N.db for task N), and this manifest beside them, parts.json, saying which Slurm jobs
/// work on them. The manifest is written when the array is submitted and removed by the merge job once the parts
/// are back in the main store; while it exists, `status` says the runs are out and `run --parts` refuses a second
/// array whose jobs squeue still lists.
/// </summary>
/// <param name="ArrayJob">The array's Slurm job id.</param>
/// <param name="MergeJob">The merge job's id, or null before it is submitted.</param>
/// <param name="Parts">Per array task, in task order: the run keys of its part.</param>
public sealed record SweepParts(string Sweep, string ArrayJob, string? MergeJob, IReadOnlyList<IReadOnlyList<string>> Parts)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The folder of the parts of the sweeps in a SQLite store: runs/SWEEP/slurm/parts.</summary>
    public static string Folder(string storePath) =>
        Path.Combine(Path.GetDirectoryName(Runs.RunFolders.Logs(storePath))!, "slurm", "parts");

    public static string PartPath(string storePath, int task) => Path.Combine(Folder(storePath), $"part-{task}.db");

    public static string ManifestPath(string storePath) => Path.Combine(Folder(storePath), "parts.json");

    /// <summary>The parts' keys as the manifest lists them: plain text, so that its JSON stays a list of lists of keys.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Listed(IReadOnlyList<IReadOnlyList<RunKey>> parts) =>
        parts.Select(p => (IReadOnlyList<string>)p.Select(k => k.Value).ToList()).ToList();

    [System.Text.Json.Serialization.JsonIgnore]
    public int RunsOut => Parts.Sum(p => p.Count);

    /// <summary>The manifest beside a store, or null when no parts are out.</summary>
    public static SweepParts? Read(string storePath)
    {
        var path = ManifestPath(storePath);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<SweepParts>(File.ReadAllText(path), Json)
                   ?? throw new Storage.StoreException($"{path} is empty; delete it once the parts it lists are merged");
        }
        catch (JsonException e)
        {
            // Every command that reads the manifest (run, status, doctor) says this in one line, as for an empty one.
            throw new Storage.StoreException($"{path} is not a parts manifest ({e.Message}); delete it once the parts " +
                                             "it listed are merged");
        }
    }

    public void Write(string storePath) =>
        Platform.DurableFile.Write(ManifestPath(storePath), JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <summary>One line for `status`: how many runs are out, where, and what brings them back.</summary>
    public string Describe(string storePath) =>
        $"out in parts: {RunsOut} run(s) of sweep '{Sweep}' in {Parts.Count} part(s) under {Folder(storePath)}, " +
        $"worked on by Slurm job {ArrayJob}" +
        (MergeJob is null ? "" : $"; merged back into this store by job {MergeJob} when the array ends") +
        "; until then this store shows them as they were when they went out";
}
