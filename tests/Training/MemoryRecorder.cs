using VaeSweep.Core.Runs;
using VaeSweep.Core.Training;

namespace VaeSweep.Tests.Training;

/// <summary>An <see cref="ITrainingRecorder"/> in memory; it can ask the trainer to stop after a given epoch.</summary>
public sealed class MemoryRecorder : ITrainingRecorder
{
    private readonly List<CheckpointRecord> checkpoints = [];

    /// <summary>Once this many epochs are recorded, ShouldContinue turns false (null: never).</summary>
    public int? StopAfterEpochs { get; set; }

    /// <summary>ShouldContinue turns false after this many questions (the trainer asks before every batch).</summary>
    public int? StopAfterQuestions { get; set; }

    private int questions;

    public List<EpochRecord> Epochs { get; } = [];
    public List<(string Kind, string Message)> Events { get; } = [];

    public void RecordEpoch(EpochRecord epoch) => Epochs.Add(epoch);

    public void RecordCheckpoint(CheckpointRecord checkpoint) => checkpoints.Insert(0, checkpoint);

    public IReadOnlyList<CheckpointRecord> Checkpoints() => checkpoints.OrderByDescending(c => c.Epoch).ToList();

    public void ForgetCheckpoint(CheckpointRecord checkpoint, string reason) => checkpoints.Remove(checkpoint);

    public void DiscardEpochsFrom(int epoch) => Epochs.RemoveAll(e => e.Epoch >= epoch);

    public void Event(string kind, string message) => Events.Add((kind, message));

    public bool ShouldContinue =>
        (StopAfterEpochs is not { } n || Epochs.Count < n) && (StopAfterQuestions is not { } q || ++questions <= q);
}
