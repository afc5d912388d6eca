using System.Globalization;
using VaeSweep.Core.Models;
using VaeSweep.Core.Platform;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Checkpoints;

/// <summary>Checkpoint files of one run: written durably, recorded with size and SHA-256, verified before loading.</summary>
public static class CheckpointStore
{
    public static string FileName(int epochsDone) =>
        string.Create(CultureInfo.InvariantCulture, $"epoch-{epochsDone:D4}.safetensors");

    public static CheckpointRecord Save(string folder, int epochsDone, string runKey, Vae model, Adam adam, Generator generator)
    {
        var bytes = Checkpoint.Capture(runKey, epochsDone, model, adam, generator);
        var path = Path.Combine(folder, FileName(epochsDone));
        FaultPoints.Hit("before-checkpoint-write");
        var sha = DurableFile.Write(path, bytes, faultPoint: "checkpoint-before-rename");
        FaultPoints.Hit("after-checkpoint-write");
        return new CheckpointRecord(epochsDone, Path.GetFullPath(path), bytes.Length, sha);
    }

    /// <summary>Checks existence, size and hash, then restores; any mismatch is a <see cref="CheckpointException"/>
    /// naming the file, so the caller can fall back to an older checkpoint.</summary>
    public static int Load(CheckpointRecord record, string runKey, Vae model, Adam adam, Generator generator)
    {
        var bytes = Read(record);
        return Checkpoint.Restore(bytes, record.Path, runKey, model, adam, generator);
    }

    /// <summary>
    /// The fallback every reader of checkpoints uses: tries <paramref name="newestFirst"/> in order and returns what
    /// the first that verifies and loads gave, or null when none did. Each one that fails is passed to
    /// <paramref name="rejected"/> (to be reported, or forgotten) before the next older one is tried.
    /// </summary>
    public static (CheckpointRecord Checkpoint, T Loaded)? LoadNewestValid<T>(IEnumerable<CheckpointRecord> newestFirst,
        Func<CheckpointRecord, T> load, Action<CheckpointRecord, CheckpointException> rejected)
    {
        foreach (var checkpoint in newestFirst)
        {
            try
            {
                return (checkpoint, load(checkpoint));
            }
            catch (CheckpointException e)
            {
                rejected(checkpoint, e);
            }
        }
        return null;
    }

    /// <summary>The checkpoint's bytes after checking them against the record.</summary>
    public static byte[] Read(CheckpointRecord record)
    {
        if (!File.Exists(record.Path)) throw new CheckpointException($"{record.Path}: checkpoint file is missing");
        var bytes = File.ReadAllBytes(record.Path);
        if (bytes.Length != record.Size)
            throw new CheckpointException($"{record.Path}: size {bytes.Length} differs from the recorded {record.Size} (truncated?)");
        var sha = DurableFile.Sha256Hex(bytes);
        if (sha != record.Sha256)
            throw new CheckpointException($"{record.Path}: SHA-256 differs from the recorded one (corrupted)");
        return bytes;
    }
}
