using VaeSweep.Core.Runs;


namespace VaeSweep.Core.Training;

/// <summary>
/// Where a trainer's results go (the store, in a sweep; memory, in tests). The trainer never speaks SQL.
/// Order matters for crash safety: an epoch row is recorded before its checkpoint, and on resume the rows after
/// the restored checkpoint are discarded and recomputed, identically, so no epoch is ever recorded twice.
/// </summary>
public interface ITrainingRecorder
{
    void RecordEpoch(EpochRecord epoch);
    void RecordCheckpoint(CheckpointRecord checkpoint);
    /// <summary>Checkpoints of this run, newest first.</summary>
    IReadOnlyList<CheckpointRecord> Checkpoints();
    void ForgetCheckpoint(CheckpointRecord checkpoint, string reason);
    /// <summary>Removes epoch rows from <paramref name="epoch"/> on.</summary>
    void DiscardEpochsFrom(int epoch);
    void Event(string kind, string message);
    /// <summary>False once the run must stop at the next safe point (interrupt, lost lease).</summary>
    bool ShouldContinue { get; }
}
