namespace VaeSweep.Core.Storage;

/// <summary>A file a run produced besides checkpoints: a picture, an export.</summary>
public sealed record ArtifactRow(long Id, string RunKey, string Kind, string Path, DateTimeOffset CreatedUtc);
