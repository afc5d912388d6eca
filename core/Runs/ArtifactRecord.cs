namespace VaeSweep.Core.Runs;

/// <summary>A file a run produced besides checkpoints (a picture), by kind, at the path recorded when it was written.</summary>
/// <param name="Kind">What the file shows ("latent-embedding"); one kind may have a file per format.</param>
public sealed record ArtifactRecord(string Kind, string Path);
