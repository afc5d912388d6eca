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

    /// <summary>The folder that holds .data/: $VAESWEEP_ROOT, else the checkout the program runs from, else the
    /// current directory.</summary>
    public static string DefaultRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("VAESWEEP_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        return RepositoryRoot.Find() ?? Directory.GetCurrentDirectory();
    }
}
