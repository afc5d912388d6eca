using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;

namespace VaeSweep.Tests.Config;

/// <summary>The sweeps shipped in configs/ must load and expand, so examples never rot.</summary>
public sealed class ExampleConfigTests
{
    public static TheoryData<string, int> Examples => new()
    {
        { "smoke.yaml", 4 },
        { "beta.yaml", 7 },
        { "iwae-vs-vae.yaml", 12 },
        { "k-schedule.yaml", 3 },
        { "latent-size.yaml", 5 },
        { "architecture.yaml", 5 },
        { "full-covariance.yaml", 4 },
        { "categorical.yaml", 3 },
        { "conv-vs-mlp.yaml", 6 },
        { "m2.yaml", 6 },
        { "packed32.yaml", 32 },
        { "halving.yaml", 4 },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_loads_and_expands_to_its_run_count(string file, int runs)
    {
        var sweep = ConfigLoader.LoadFile(RepoPaths.Combine("configs", file));

        var plan = Planner.Expand(sweep);

        Assert.Equal(runs, plan.Runs.Count);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), sweep.Name);
    }

    [Fact]
    public void Every_file_in_configs_is_listed_above()
    {
        var listed = Examples.Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        var present = Directory.GetFiles(RepoPaths.Combine("configs"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(listed, present);
    }

    [Fact]
    public void Smoke_sweep_stays_small()
    {
        var plan = Planner.Expand(ConfigLoader.LoadFile(RepoPaths.Combine("configs", "smoke.yaml")));

        Assert.All(plan.Runs, run =>
        {
            Assert.InRange(run.Config.Model.Latent, 2, 4);
            Assert.InRange(run.Config.Training.Epochs, 1, 2);
            Assert.Equal(1000, run.Config.Data.TrainLimit);
            Assert.Equal(200, run.Config.Data.TestLimit);
            Assert.Equal(100, run.Config.Evaluation.K);
            Assert.Equal([1, 10, 100], run.Config.Evaluation.Ks);
        });
    }
}
