using VaeSweep.Core.Checkpoints;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Scheduling;

/// <summary>
/// Where a released run will resume, found by the check a worker makes before loading a checkpoint (existence,
/// recorded size, SHA-256), newest first: so that `run` can say which checkpoints are rejected and why, and from
/// which epoch the run goes on, instead of promising its last checkpoint.
/// </summary>
public static class ResumePoint
{
    public static string Describe(IStore store, RunKey runKey)
    {
        var rejected = new List<string>();
        foreach (var row in store.Checkpoints(runKey))
        {
            try
            {
                CheckpointStore.Read(new CheckpointRecord(row.Epoch, row.Path, row.Size, row.Sha256));
                return Rejected(rejected) + $"it resumes after epoch {row.Epoch} from {Path.GetFileName(row.Path)}";
            }
            catch (CheckpointException e)
            {
                rejected.Add($"checkpoint {Path.GetFileName(row.Path)} is rejected ({e.Message})");
            }
        }
        return Rejected(rejected) + (rejected.Count == 0
            ? "it had no checkpoint yet, so it starts again from epoch 1"
            : "no checkpoint is left, so it starts again from epoch 1");
    }

    private static string Rejected(List<string> rejected) => rejected.Count == 0 ? "" : string.Join("; ", rejected) + "; ";
}
