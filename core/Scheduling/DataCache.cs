using System.Collections.Concurrent;
using System.Text.Json;
using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Platform;

namespace VaeSweep.Core.Scheduling;

/// <summary>Loads each distinct data configuration once per process: runs of a sweep usually share their data.</summary>
public sealed class DataCache(string root)
{
    private readonly ConcurrentDictionary<string, Lazy<DataBundle>> bundles = new();

    public string Root => root;

    public DataBundle Get(DataConfig config)
    {
        var key = JsonSerializer.Serialize(config);
        return bundles.GetOrAdd(key, _ => new Lazy<DataBundle>(() => DataLoader.Load(config, root))).Value;
    }

    /// <summary>Starts loading the given data configs on a thread-pool thread, so that a worker's data is read
    /// while libtorch loads. A failure is left for <see cref="Get"/> to rethrow in the run that needs the data.</summary>
    public void Prefetch(IEnumerable<DataConfig> configs) => Task.Run(() =>
    {
        foreach (var config in configs)
        {
            try
            {
                Get(config);
            }
            catch (DataException)
            {
                // Get throws the same exception again when a run asks for this data.
            }
        }
    });

    /// <summary>The folder that holds .data/: $VAESWEEP_ROOT, else the checkout the program runs from, else the
    /// current directory.</summary>
    public static string DefaultRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("VAESWEEP_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        return RepositoryRoot.Find() ?? Directory.GetCurrentDirectory();
    }
}
