using System.Text.Json;
using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;
using VaeSweep.Core.Reports;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Tests.StoreTests;

namespace VaeSweep.Tests.Reports;

/// <summary>
/// One IWAE and one VAE run at one seed, evaluated on six shared test points: the comparison pairs them point by
/// point. Each run's own standard error is that of its six values, as the evaluator computes it.
/// </summary>
public sealed class PairedPointsTests : IDisposable
{
    private static readonly double[] Vae = [-80, -90, -100, -85, -95, -110];
    private static readonly double[] Gain = [1.5, 2.0, 1.0, 1.8, 1.2, 2.5];
    private static readonly double[] Iwae = Vae.Zip(Gain, (v, g) => v + g).ToArray();

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vaesweep-paired-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void One_seed_on_shared_points_gives_the_paired_interval_of_the_per_point_differences()
    {
        var comparison = Assert.Single(Compare(withPoints: true));

        Assert.Equal("paired over 6 shared test points", comparison.Method);
        Assert.Equal(Gain.Average(), comparison.Difference.Mean, 9);
        // By hand: the differences are the gains; sd 0.55016, se = sd / sqrt 6 = 0.224598; x 1.959964.
        Assert.Equal(0.4402047887814551, comparison.Difference.HalfWidth!.Value, 9);
        // The unpaired interval of the same two runs: 1.96 x sqrt(4.349^2 + 4.410^2) = 12.14 nats.
        Assert.True(comparison.Difference.HalfWidth < 12.139371316688383 / 20);
    }

    [Fact]
    public void Runs_without_per_point_values_fall_back_to_the_unpaired_interval_and_say_so()
    {
        var comparison = Assert.Single(Compare(withPoints: false));

        Assert.Equal("1.96 x combined SE; unpaired: no per-point values on shared points", comparison.Method);
        Assert.Equal(12.139371316688383, comparison.Difference.HalfWidth!.Value, 9);
    }

    [Fact]
    public void Runs_on_different_points_are_not_paired()
    {
        var comparison = Assert.Single(Compare(withPoints: true, vaePoints: "other points"));

        Assert.StartsWith("1.96 x combined SE; unpaired", comparison.Method);
    }

    [Fact]
    public void By_an_axis_the_one_seed_difference_to_the_reference_level_is_paired_point_by_point_too()
    {
        var model = Build(withPoints: true, "shared points", by: ["objective.kind"]);

        var axis = Assert.Single(model.Differences);
        Assert.Equal(("objective.kind", "vae"), (axis.Axis, axis.Reference));
        var iwae = Assert.Single(axis.Differences);
        Assert.Equal(("iwae", 1, 0), (iwae.Level, iwae.Pairs, iwae.LeftOut));
        Assert.Equal("paired over 6 shared test points", iwae.Method);
        Assert.Equal(Gain.Average(), iwae.Difference.Mean, 9);
        Assert.Equal(0.4402047887814551, iwae.Difference.HalfWidth!.Value, 9);
    }

    [Fact]
    public void By_objective_kind_with_compare_the_iwae_minus_vae_difference_is_reported_once()
    {
        var model = Build(withPoints: true, "shared points", by: ["objective.kind"], compare: true);

        Assert.Empty(model.Differences);
        Assert.Equal("paired over 6 shared test points", Assert.Single(model.Comparisons!).Method);
    }

    [Fact]
    public void By_an_axis_without_per_point_values_the_difference_is_unpaired_and_says_so()
    {
        var iwae = Assert.Single(Assert.Single(Build(withPoints: false, "shared points", by: ["objective.kind"]).Differences).Differences);

        Assert.Equal("1.96 x combined SE; unpaired: no per-point values on shared points", iwae.Method);
        Assert.Equal(12.139371316688383, iwae.Difference.HalfWidth!.Value, 9);
    }

    private IReadOnlyList<PairedComparison> Compare(bool withPoints, string vaePoints = "shared points") =>
        Build(withPoints, vaePoints, by: [], compare: true).Comparisons!;

    private ReportModel Build(bool withPoints, string vaePoints, string[] by, bool compare = false)
    {
        var path = Path.Combine(_folder, "paired.db");
        using (var store = Store.Open(path, new ManualClock()))
        {
            var sweep = store.EnsureSweep("paired", "name: paired", "{\"name\":\"paired\"}");
            var runs = new[] { (ObjectiveKind.Vae, Vae, vaePoints), (ObjectiveKind.Iwae, Iwae, "shared points") };
            var planned = runs.Select(r => Planned(r.Item1)).ToList();
            store.AddRuns(sweep.Id, planned);
            foreach (var (kind, values, points) in runs)
            {
                var key = store.TryClaimRun(sweep.Id, "owner", TimeSpan.FromHours(1))!.RunKey;
                store.MarkEvaluating(key, "owner", trainSeconds: 1);
                var mean = values.Average();
                var se = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length);
                store.Complete(key, "owner", new EvaluationRecord(5000, mean, se, null, null, null, null, 1, values.Length),
                    [], withPoints ? new EvaluationPoints(points, values) : null);
            }
        }
        return ReportBuilder.Build(new ReportOptions([path], by, Compare: compare), StoreReader.Read);
    }

    private static PlannedRun Planned(ObjectiveKind kind)
    {
        var json = CanonicalConfig.ToJson(new RunConfig { Objective = new ObjectiveConfig { Kind = kind } });
        var axes = JsonSerializer.Serialize(new Dictionary<string, string> { ["objective.kind"] = kind.ToString().ToLowerInvariant() });
        return new PlannedRun(RunKey.Of(CanonicalConfig.FromJson(json)), json, axes);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
