using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;

namespace VaeSweep.Tests.Config;

/// <summary>The canonical form is what run keys hash and what the store keeps; its exact text is pinned here.</summary>
public sealed class CanonicalConfigTests
{
    [Fact]
    public void Default_config_has_pinned_canonical_text_and_key()
    {
        var goldenPath = Config.RepoPaths.Combine("tests", "Planning", "golden", "default-config.json");
        var golden = File.Exists(goldenPath) ? File.ReadAllText(goldenPath).TrimEnd() : "";
        var actual = CanonicalConfig.ToJson(new RunConfig());
        if (golden != actual) File.WriteAllText(goldenPath + ".actual", actual + "\n");

        Assert.Equal(golden, actual);
        Assert.Equal(RunKey.Of(CanonicalConfig.FromJson(golden)), RunKey.Of(new RunConfig()));
    }

    [Fact]
    public void Run_key_ignores_execution_settings_only()
    {
        var config = new RunConfig();
        var retuned = config with
        {
            Evaluation = config.Evaluation with { ChunkSize = 777 },
            Training = config.Training with { CheckpointEvery = 3 },
        };
        var changed = config with { Evaluation = config.Evaluation with { K = 4999 } };

        Assert.Equal(RunKey.Of(config), RunKey.Of(retuned));
        Assert.NotEqual(CanonicalConfig.ToJson(config), CanonicalConfig.ToJson(retuned));
        Assert.DoesNotContain("chunk_size", CanonicalConfig.IdentityJson(config));
        Assert.NotEqual(RunKey.Of(config), RunKey.Of(changed));
    }

    public static TheoryData<string, RunConfig> RoundTripCases => new()
    {
        { "defaults", new RunConfig() },
        { "awkward doubles", new RunConfig { Objective = new() { Beta = 0.1 }, Training = new() { Lr = 1.0 / 3, Eps = 1e-20, Beta2 = 0.9999999999999999 } } },
        { "lists and schedule", new RunConfig
            {
                Data = new() { Classes = [0, 9], Path = "/data/é", Dataset = DatasetKind.BinarizedMnist },
                Objective = new() { Kind = ObjectiveKind.Iwae, KSchedule = [new(0, 1), new(3, 50)], Kl = KlEstimator.MonteCarlo },
                Model = new() { Encoder = [7], Activation = Activation.LeakyRelu, SharedFirstLayer = true },
            } },
        { "largest seed", new RunConfig { Seed = long.MaxValue } },
        { "convolutional", new RunConfig
            {
                Model = new() { EncoderConv = [new(32, 4, 2), new(64, 4, 2)], DecoderConv = [new(16, 3, 1)], Encoder = [256] },
            } },
        { "categorical", new RunConfig
            {
                Model = new() { Posterior = PosteriorKind.Categorical, Categories = 7 },
                Objective = new() { Temperature = 2.0 / 3, TemperatureEnd = 0.25, TemperatureEpochs = 4 },
            } },
    };

    [Fact]
    public void Categorical_settings_are_part_of_categorical_runs_only()
    {
        var gaussian = new RunConfig();
        var tuned = gaussian with
        {
            Model = gaussian.Model with { Categories = 3 },
            Objective = gaussian.Objective with { Temperature = 0.2, TemperatureEnd = 0.1, TemperatureEpochs = 5 },
        };
        var categorical = gaussian with { Model = gaussian.Model with { Posterior = PosteriorKind.Categorical } };
        var hotter = categorical with { Objective = categorical.Objective with { Temperature = 2 } };

        // Meaningless for a Gaussian run, so they leave its canonical text (and key) as before they existed.
        Assert.Equal(CanonicalConfig.ToJson(gaussian), CanonicalConfig.ToJson(tuned));
        Assert.DoesNotContain("temperature", CanonicalConfig.ToJson(gaussian));
        Assert.DoesNotContain("categories", CanonicalConfig.ToJson(gaussian));
        Assert.Contains("\"categories\":10", CanonicalConfig.ToJson(categorical));
        Assert.Contains("\"temperature\":1,\"temperature_end\":0.5,\"temperature_epochs\":0", CanonicalConfig.ToJson(categorical));
        Assert.NotEqual(RunKey.Of(categorical), RunKey.Of(hotter));
    }

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void Parsing_canonical_text_gives_back_the_same_config(string _, RunConfig config)
    {
        var json = CanonicalConfig.ToJson(config);

        var back = CanonicalConfig.FromJson(json);

        Assert.Equal(json, CanonicalConfig.ToJson(back));
        Assert.Equal(config.Training.Lr, back.Training.Lr);
        Assert.Equal(config.Objective.KSchedule, back.Objective.KSchedule);
        Assert.Equal(config.Objective.Temperature, back.Objective.Temperature);
        Assert.Equal(config.Model.Categories, back.Model.Categories);
        Assert.Equal(config.Model.EncoderConv, back.Model.EncoderConv);
        Assert.Equal(config.Model.DecoderConv, back.Model.DecoderConv);
    }

    // Keys hashed by the vaesweep of before the convolutional layers existed (main at b889165, `vaesweep plan`): an
    // MLP run must keep its key, or every store's runs would be orphaned by the upgrade.
    [Theory]
    [InlineData("diagonal", "6f7785aa4dd88cab")]
    [InlineData("full", "a95b2b0167587e58")]
    public void Mlp_run_keys_are_those_of_before_convolutions(string posterior, string key)
    {
        var yaml = "sweep: {name: pin}\nbase:\n  data: {dataset: mnist-sample, test_limit: 500}\n" +
                   "  model: {latent: 10, encoder: [100], decoder: [100], activation: relu, posterior: " + posterior + "}\n" +
                   "  training: {epochs: 3}\n  seed: 0\n";
        var config = ConfigLoader.LoadString(yaml, "pin").Base;

        Assert.Equal(key, RunKey.Of(config).Value);
        Assert.DoesNotContain("conv", CanonicalConfig.ToJson(config));
        Assert.Equal(RunKey.Of(config), RunKey.Of(config with { Model = config.Model with { EncoderConv = [], DecoderConv = [] } }));
    }

    [Fact]
    public void Convolutional_layers_enter_the_canonical_text_and_the_key_only_when_given()
    {
        var mlp = new RunConfig();
        var conv = mlp with { Model = mlp.Model with { EncoderConv = [new(32, 4, 2), new(64, 4, 2)] } };
        var wider = mlp with { Model = mlp.Model with { EncoderConv = [new(32, 4, 2), new(48, 4, 2)] } };

        Assert.Contains("\"encoder_conv\":[[32,4,2],[64,4,2]]", CanonicalConfig.ToJson(conv));
        Assert.DoesNotContain("decoder_conv", CanonicalConfig.ToJson(conv));
        Assert.NotEqual(RunKey.Of(mlp), RunKey.Of(conv));
        Assert.NotEqual(RunKey.Of(conv), RunKey.Of(wider));
    }

    [Theory]
    [InlineData("unknown key", "{\"model\":{\"latent\":2,\"depth\":3}}", "unknown key 'model.depth'")]
    [InlineData("wrong type", "{\"seed\":\"zero\"}", "expected a non-negative integer")]
    [InlineData("not an object", "[1]", "must be an object")]
    public void Malformed_canonical_text_is_refused(string _, string json, string message)
    {
        var error = Assert.Throws<FormatException>(() => CanonicalConfig.FromJson(json));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Every_example_run_round_trips()
    {
        foreach (var file in Directory.GetFiles(Config.RepoPaths.Combine("configs"), "*.yaml"))
            foreach (var run in Planner.Expand(ConfigLoader.LoadFile(file)).Runs)
            {
                Assert.Equal(run.CanonicalJson, CanonicalConfig.ToJson(CanonicalConfig.FromJson(run.CanonicalJson)));
                Assert.Equal(run.Key, RunKey.Of(CanonicalConfig.FromJson(run.CanonicalJson)));
            }
    }

    [Theory]
    [InlineData("sweep: {name: one}", "sweep: {name: two, store: elsewhere.db}", true)]
    [InlineData("sweep: {name: t}\nbase: {objective: {beta: 1}}", "sweep: {name: t}\nbase: {objective: {beta: 1.000}}", true)]
    [InlineData("sweep: {name: t}\nbase: {model: {encoder: [200, 200]}}", "sweep: {name: t}", true)]
    [InlineData("sweep: {name: t}\nbase: {objective: {beta: 1}}", "sweep: {name: t}\nbase: {objective: {beta: 1.0000001}}", false)]
    [InlineData("sweep: {name: t}\nbase: {seed: 1}", "sweep: {name: t}\nbase: {seed: 2}", false)]
    public void Run_key_depends_only_on_the_resolved_config(string first, string second, bool same)
    {
        var a = RunKey.Of(ConfigLoader.LoadString(first, "a").Base);
        var b = RunKey.Of(ConfigLoader.LoadString(second, "b").Base);

        Assert.Equal(same, a == b);
        Assert.Matches("^[0-9a-f]{16}$", a.Value);
    }
}
