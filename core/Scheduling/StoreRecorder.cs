using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Training;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Scheduling;

/// <summary>Records a held run's training in the store, every write checked against the lease.</summary>
/// <param name="stop">The run's stop (<see cref="LeaseKeeper.Token"/>): the trainer ends at its next safe point.</param>
public sealed class StoreRecorder(IStore store, RunKey runKey, string owner, CancellationToken stop) : ITrainingRecorder
{
    public void RecordEpoch(EpochRecord epoch) => store.RecordEpoch(runKey, owner, epoch);

    public void RecordCheckpoint(CheckpointRecord checkpoint) => store.RecordCheckpoint(runKey, owner, checkpoint);

    public IReadOnlyList<CheckpointRecord> Checkpoints() => store.Checkpoints(runKey);

    public void ForgetCheckpoint(CheckpointRecord checkpoint, string reason) =>
        store.DeleteCheckpointRecord(runKey, owner, checkpoint.Epoch, reason);

    public void DiscardEpochsFrom(int epoch) => store.TruncateEpochs(runKey, owner, epoch);

    public void Event(string kind, string message) => store.AddEvent(runKey, kind, message);

    public bool ShouldContinue => !stop.IsCancellationRequested;
}
