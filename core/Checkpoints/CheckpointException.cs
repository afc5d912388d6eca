namespace VaeSweep.Core.Checkpoints;

/// <summary>A checkpoint that is missing, truncated, corrupt, or belongs to another run.</summary>
public sealed class CheckpointException(string message) : Exception(message);
