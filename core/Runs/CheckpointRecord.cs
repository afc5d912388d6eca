namespace VaeSweep.Core.Runs;

/// <summary>
/// A checkpoint file already written, fsynced and renamed into place, described so that a later load can
/// check it before trusting it.
/// </summary>
/// <param name="Epoch">The last epoch whose training the checkpoint contains.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
public sealed record CheckpointRecord(int Epoch, string Path, long Size, string Sha256);
