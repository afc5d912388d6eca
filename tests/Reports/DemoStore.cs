using System.Globalization;
using System.Text.Json;
using VaeSweep.Core.Config;
using VaeSweep.Core.Pictures;
using VaeSweep.Core.Planning;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Tests.StoreTests;

namespace VaeSweep.Tests.Reports;

/// <summary>
/// A store built through the Store API, as a sweep leaves it half-way: objective {vae, iwae} x beta {0.5, 1} x
/// seed {0, 1, 2}, twelve runs: nine completed, one running with two epochs, one pending, and one diverged with
/// NaN and infinite metrics. Every number is a fixed function of the run's settings, so output is stable.
/// </summary>
public sealed class DemoStore : IDisposable
{
    private const string Owner = "test-worker";

    /// <param name="url">A PostgreSQL database to fill instead of a SQLite file.</param>
    public DemoStore(string name = "demo", bool pictures = false, string? url = null)
    {
        Folder = Path.Combine(Path.GetTempPath(), "vaesweep-report-tests", Guid.NewGuid().ToString("N"));
        DbPath = url ?? Path.Combine(Folder, name + ".db");
        using var store = StoreLocation.Open(DbPath, new ManualClock());
        var sweep = store.EnsureSweep("demo", "sweep: {name: demo}", "{\"name\":\"demo\"}");
        var plan = Plan().ToList();
        store.AddRuns(sweep.Id, plan.Select(p => p.Run));
        RunKey Claim() => store.TryClaimRun(sweep.Id, Owner, TimeSpan.FromHours(1))!.RunKey;

        foreach (var (run, config, index) in plan.Select((p, i) => (p.Run, p.Config, i)))
        {
            var key = Claim();
            if (key != run.RunKey) throw new InvalidOperationException("claims must follow plan order");
            if (index == 7) continue; // held now, released to pending at the end
            var epochs = index == 1 ? 2 : index == 11 ? 3 : config.Training.Epochs;
            for (var e = 0; e < epochs; e++) store.RecordEpoch(key, Owner, Epoch(config, e, diverges: index == 11));
            if (index == 1) continue; // left running
            if (index == 11)
            {
                store.Fail(key, Owner, RunState.Diverged,
                    "train loss is NaN at epoch 2 (last finite 103.0 at epoch 1); try a lower learning rate or a KL warm-up");
                continue;
            }
            store.MarkEvaluating(key, Owner, trainSeconds: 60 + index);
            var ll = LogLikelihood(config);
            store.Complete(key, Owner, Evaluation(config, ll), new[] { 1, 5, 50, 500, 5000 }
                .Select(k => new BoundRecord(k, k == 5000 ? ll : ll - 3.0 / (1 + Math.Log10(k)), 0.12)),
                EvaluatedBeforeSchema4(config) ? null : Points(config, ll));
            if (pictures && index == 6) AddPictures(store, key);
        }
        store.Release(plan[7].Run.RunKey, Owner, "interrupted by the test");
    }

    public string Folder { get; }

    /// <summary>The store's file, or its URL.</summary>
    public string DbPath { get; }

    private static IEnumerable<(PlannedRun Run, RunConfig Config)> Plan()
    {
        foreach (var kind in new[] { ObjectiveKind.Vae, ObjectiveKind.Iwae })
        foreach (var beta in new[] { 0.5, 1.0 })
        foreach (var seed in new[] { 0L, 1, 2 })
        {
            var config = new RunConfig
            {
                Data = new DataConfig { TestLimit = 1000 },
                Model = new ModelConfig { Latent = 10 },
                Objective = new ObjectiveConfig
                {
                    // Both objectives follow the same k-schedule, so IWAE and VAE runs pair at equal k.
                    Kind = kind, Beta = beta, K = 5, KSchedule = [new KStep(0, 1), new KStep(2, 5)],
                },
                Training = new TrainingConfig { Epochs = 4 },
                Seed = seed,
            };
            var json = CanonicalConfig.ToJson(config);
            var axes = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["objective.kind"] = kind.ToString().ToLowerInvariant(),
                ["objective.beta"] = beta.ToString(CultureInfo.InvariantCulture),
                ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            });
            yield return (new PlannedRun(RunKey.Of(CanonicalConfig.FromJson(json)), json, axes), config);
        }
    }

    private static readonly double[] SeedNoise = [0, 0.4, -0.3];

    public static double LogLikelihood(RunConfig c) =>
        (c.Objective.Beta == 0.5 ? -92.0 : -93.0) + SeedNoise[c.Seed]
        + (c.Objective.Kind == ObjectiveKind.Iwae ? 1.5 + 0.1 * c.Seed : 0);

    // One run as an older build left it: no per-point values, no k-hat.
    private static bool EvaluatedBeforeSchema4(RunConfig c) =>
        c.Objective.Kind == ObjectiveKind.Vae && c.Objective.Beta == 0.5 && c.Seed == 0;

    // Four shared test points whose mean is the run's log-likelihood; the spread differs a little between runs, so
    // per-point differences have a standard error of their own.
    private static EvaluationPoints Points(RunConfig c, double ll)
    {
        var wobble = 0.1 * c.Seed + 0.2 * c.Objective.Beta;
        return new EvaluationPoints("demo points", [ll - 3 + wobble, ll + 1 - wobble, ll + 2.5 + wobble, ll - 0.5 - wobble]);
    }

    private static EvaluationRecord Evaluation(RunConfig c, double ll)
    {
        var iwae = c.Objective.Kind == ObjectiveKind.Iwae;
        var elbo = ll - (iwae ? 3.0 : 1.5);
        var kl = (c.Objective.Beta == 0.5 ? 30.0 : 24.0) + c.Seed + (iwae ? 2 : 0);
        // recon is E_q[log p(x|z)], so elbo = recon - kl (docs/store.md, "Numbers").
        // The k-hat share: above the 10% flag for VAE at seed 2.
        var kHat = EvaluatedBeforeSchema4(c) ? null
            : new KHatSummary((iwae ? 0.02 : 0.06) + 0.025 * c.Seed, 0.4 + 0.05 * c.Seed + (iwae ? 0 : 0.1));
        return new EvaluationRecord(5000, ll, 0.12 + 0.01 * c.Seed, elbo, elbo + kl, kl,
            (c.Objective.Beta == 0.5 ? 20 : 15) + (iwae ? 1 : 0), 30, 1000, kHat,
            EvaluatedBeforeSchema4(c) ? null : (c.Objective.Beta == 0.5 ? 0.84 : 0.78) + 0.01 * c.Seed + (iwae ? 0.02 : 0),
            // I(x;z) below its bound log 1000 = 6.91 and below the KL, as a real one is; none before schema 5.
            EvaluatedBeforeSchema4(c) ? null : new MutualInformationEstimate(kl / 6 + 0.1 * c.Seed, 0.05, 1000));
    }

    private static EpochRecord Epoch(RunConfig c, int epoch, bool diverges)
    {
        var k = c.Objective.KSchedule.LastOrDefault(s => s.Epoch <= epoch)?.K ?? c.Objective.K;
        var loss = 120.0 - 8 * epoch - (c.Objective.Kind == ObjectiveKind.Iwae ? 1 : 0) + c.Seed;
        var kl = 20.0 + epoch * c.Objective.Beta;
        if (diverges && epoch == 2) return new EpochRecord(epoch, k, c.Objective.Beta, 1e-3, double.NaN, double.NaN,
            double.NaN, double.PositiveInfinity, null, null, 15, 4000);
        return new EpochRecord(epoch, k, c.Objective.Beta, 1e-3, loss, -loss, -loss + kl, kl, -(loss + 1.5),
            18, 15, 4000);
    }

    /// <summary>The latent embedding the picture run records, as SVG and as PNG.</summary>
    public static readonly LatentEmbedding Embedding = new([0f, 0f, 1f, 2f, 2f, 1f, 1.5f, 0.5f], [0, 1, 2, 1],
        "latent embedding of 4 test points", "z1 (posterior mean)", "z2 (posterior mean)");

    // Pictures beside the store (relative paths, as runs record them), one whose file is gone, and the embedding in
    // both of its formats under one kind.
    private void AddPictures(IStore store, RunKey key)
    {
        var image = new GreyImage(56, 28);
        for (var y = 0; y < 28; y++)
        for (var x = 0; x < 56; x++) image[x, y] = (byte)((x * 4 + y * 3) % 256);
        Directory.CreateDirectory(Path.Combine(Folder, "pictures"));
        image.SavePng(Path.Combine(Folder, "pictures", "prior-samples.png"));
        store.AddArtifact(key, "prior-samples", Path.Combine("pictures", "prior-samples.png"));
        store.AddArtifact(key, "reconstructions", Path.Combine("pictures", "gone.png"));
        File.WriteAllText(Path.Combine(Folder, "pictures", "latent-embedding.svg"), Embedding.Svg());
        Embedding.Raster().SavePng(Path.Combine(Folder, "pictures", "latent-embedding.png"));
        store.AddArtifact(key, "latent-embedding", Path.Combine("pictures", "latent-embedding.svg"));
        store.AddArtifact(key, "latent-embedding", Path.Combine("pictures", "latent-embedding.png"));
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
