namespace VaeSweep.Core.Storage;

/// <summary>A checkpoint as recorded, with the time the store recorded it.</summary>
public sealed record CheckpointRow(
    string RunKey,
    int Epoch,
    string Path,
    long Size,
    string Sha256,
    DateTimeOffset CreatedUtc);
