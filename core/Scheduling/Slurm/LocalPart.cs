using VaeSweep.Core.Storage;

namespace VaeSweep.Core.Scheduling.Slurm;

/// <summary>
/// An array task's part, worked on in a copy on the node's local disk: SQLite's locks do not hold on a network file
/// system, so the store a worker writes must be local. The copy on the shared folder is replaced whole (a temporary
/// file, fsync, rename: <see cref="Store.SaveCopy"/>) when the worker ends, when it is signalled (after it gave its
/// runs back), and every few minutes meanwhile, so a node that dies loses at most that much of the record (the
/// checkpoints themselves are written to the shared folder as they are made).
/// </summary>
public sealed class LocalPart : IDisposable
{
    /// <summary>How often the shared copy is refreshed while the worker trains.</summary>
    public static readonly TimeSpan HandBackEvery = TimeSpan.FromMinutes(5);

    private readonly Action<string>? _log;
    private volatile bool _handedBack;

    private LocalPart(string sharedPath, string localPath, Action<string>? log)
    {
        SharedPath = sharedPath;
        LocalPath = localPath;
        _log = log;
    }

    public string SharedPath { get; }

    public string LocalPath { get; }

    /// <summary>Copies the shared part into <paramref name="localFolder"/> as NAME-part-N.db (the task's own file,
    /// replacing what an earlier attempt of the same task left there).</summary>
    /// <exception cref="StoreException">The shared part is missing or cannot be copied.</exception>
    public static LocalPart Fetch(string sharedPath, string localFolder, string name, Action<string>? log = null)
    {
        var shared = Path.GetFullPath(sharedPath);
        if (!File.Exists(shared))
            throw new StoreException($"part {shared} does not exist; submit the sweep again with `vaesweep run CONFIG --launcher slurm --parts`");
        var local = Path.Combine(Path.GetFullPath(localFolder), $"{name}-{Path.GetFileName(shared)}");
        try
        {
            Directory.CreateDirectory(localFolder);
            foreach (var stale in new[] { local + "-wal", local + "-shm" }) File.Delete(stale);
            File.Copy(shared, local, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot copy part {shared} to {local}: {e.Message}", e);
        }
        log?.Invoke($"part {shared}: working on a copy in {local}");
        return new LocalPart(shared, local, log);
    }

    /// <summary>Refreshes the shared copy every <see cref="HandBackEvery"/> until disposed; disposing waits for a
    /// refresh under way, so that the last word is the final <see cref="HandBack"/>'s.</summary>
    public IDisposable HandBackPeriodically(Store store, TimeSpan? every = null) => new Refresher(this, store, every ?? HandBackEvery);

    /// <summary>Replaces the shared copy with the local one as it is now.</summary>
    public void HandBack(Store store, bool quiet = false)
    {
        _handedBack = false;
        store.SaveCopy(SharedPath);
        _handedBack = true;
        if (!quiet) _log?.Invoke($"part {SharedPath}: handed back");
    }

    private sealed class Refresher : IDisposable
    {
        private readonly Timer _timer;

        public Refresher(LocalPart part, Store store, TimeSpan every) => _timer = new Timer(_ =>
        {
            // An exception escaping a timer ends the process: a refresh that fails is reported, the next one retries.
            try
            {
                part.HandBack(store, quiet: true);
            }
            catch (StoreException e)
            {
                part._log?.Invoke($"part {part.SharedPath}: could not hand it back yet: {e.Message}");
            }
        }, null, every, every);

        public void Dispose() => _timer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Deletes the local copy once the shared one holds all of it; after a failed hand-back it is kept, and
    /// its path is reported, so that it can be copied over by hand.</summary>
    public void Dispose()
    {
        if (!_handedBack)
        {
            _log?.Invoke($"part {SharedPath}: not handed back; its latest record stays in {LocalPath}");
            return;
        }
        foreach (var file in new[] { LocalPath, LocalPath + "-wal", LocalPath + "-shm" })
            File.Delete(file);
    }
}
