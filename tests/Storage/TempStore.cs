using VaeSweep.Core.Config;
using Microsoft.Data.Sqlite;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;

namespace VaeSweep.Tests.StoreTests;

// A store in a fresh temporary folder (one level below, so Open must create it), deleted afterwards.
public sealed class TempStore : IDisposable
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private readonly List<Store> _opened = [];

    public TempStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "vaesweep-store-tests", Guid.NewGuid().ToString("N"));
        DbPath = Path.Combine(Folder, "nested", "store.db");
        Store = OpenAnother();
    }

    public string Folder { get; }

    public string DbPath { get; }

    public ManualClock Clock { get; } = new();

    public Store Store { get; }

    // A second instance on the same file stands in for a second process.
    public Store OpenAnother()
    {
        var store = Store.Open(DbPath, Clock);
        lock (_opened)
        {
            _opened.Add(store);
        }
        return store;
    }

    // A plain connection outside the store, for building faults by hand and looking at what was stored.
    public SqliteConnection Raw()
    {
        var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        return connection;
    }

    public object? RawScalar(string sql)
    {
        using var connection = Raw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void RawExecute(string sql)
    {
        using var connection = Raw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // A sweep with runs r0..r{n-1}, in that order.
    public (long SweepId, RunKey[] Keys) Sweep(int runs, string name = "sweep")
    {
        var sweep = Store.EnsureSweep(name, $"name: {name}", $"{{\"name\":\"{name}\"}}");
        var keys = Enumerable.Range(0, runs).Select(i => new RunKey($"{name}-r{i}")).ToArray();
        Store.AddRuns(sweep.Id, keys.Select(k => new PlannedRun(k, $"{{\"run\":\"{k}\"}}", "{\"beta\":\"1\"}")));
        return (sweep.Id, keys);
    }

    // One run of a new sweep, claimed by "owner-a".
    public RunKey ClaimedRun()
    {
        var (sweepId, _) = Sweep(1);
        return Store.TryClaimRun(sweepId, "owner-a", Lease)!.RunKey;
    }

    public static EpochRecord Epoch(int epoch, double loss = 90.5) =>
        new(epoch, K: 1, Beta: 1.0, Lr: 1e-3, TrainLoss: loss, TrainElbo: -loss, TrainRecon: 80.0, TrainKl: 10.5,
            ValidElbo: null, ActiveUnits: 12, Seconds: 2.5, SamplesPerSecond: 4000);

    public static EvaluationRecord Evaluation(double logLikelihood = -88.25) =>
        new(K: 5000, logLikelihood, LogLikelihoodSe: 0.1, Elbo: -91.0, Recon: 80.0, Kl: 11.0, ActiveUnits: 12,
            Seconds: 30, NTest: 10000);

    public void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
