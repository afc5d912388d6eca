using System.Text.Json.Nodes;
using VaeSweep.Cli;
using VaeSweep.Core.Checkpoints;
using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Scheduling;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;
using VaeSweep.Tests.Data;
using VaeSweep.Tests.Training;

namespace VaeSweep.Tests.Commands;

/// <summary>`vaesweep export`: a run trained into a store comes out as safetensors equal to its checkpoint.</summary>
public sealed class ExportCommandTests
{
    private static readonly RunKey Key = new("export-run");

    private static readonly RunConfig Config = new()
    {
        Seed = 3,
        Model = new ModelConfig { Latent = 3, Encoder = [16, 8], Decoder = [8], SharedFirstLayer = true, Posterior = PosteriorKind.Full },
        Training = new TrainingConfig { Epochs = 2, BatchSize = 50 },
    };

    /// <summary>A store with one run trained for two epochs; returns the store path and the trained parameters.</summary>
    private static (string StorePath, Dictionary<string, float[]> Parameters) TrainedStore(TempFolder temp,
        RunConfig? config = null)
    {
        config ??= Config;
        var storePath = temp.File("sweep.db");
        using var store = Store.Open(storePath);
        var sweep = store.EnsureSweep("export", "name: export", "{}");
        store.AddRuns(sweep.Id, [new PlannedRun(Key, CanonicalConfig.ToJson(config), "{}")]);
        Assert.NotNull(store.TryClaimRun(sweep.Id, "owner", TimeSpan.FromMinutes(5)));
        var recorder = new StoreRecorder(store, Key, "owner", CancellationToken.None);
        var data = config.Model.EncoderConv.Count > 0 ? SyntheticData.Bundle(width: 28, height: 28)
            : SyntheticData.Bundle(labelled: config.Objective.Kind == ObjectiveKind.M2);
        using var trainer = new Trainer(Key.Value, config, data, Device.Cpu, RunFolders.ForRun(storePath, Key.Value));
        Assert.Equal(TrainingOutcome.Finished, trainer.Train(recorder).Outcome);
        return (storePath, trainer.Model.NamedParameters().ToDictionary(p => p.Name, p => p.Tensor.data<float>()));
    }

    [Fact]
    public void A_categorical_run_exports_its_logits_head_and_says_its_prior_is_uniform()
    {
        using var temp = new TempFolder();
        var categorical = Config with
        {
            Model = new ModelConfig { Latent = 3, Categories = 4, Encoder = [8], Decoder = [8], Posterior = PosteriorKind.Categorical },
        };
        var (storePath, trained) = TrainedStore(temp, categorical);
        var outFolder = temp.File("out");

        var (code, _, error) = CliRunner.Run("export", storePath, Key.Value, "--out", outFolder);

        Assert.True(code == ExitCodes.Ok, error);
        var arrays = SafeTensorsFile.Deserialize(File.ReadAllBytes(Path.Combine(outFolder, "model.safetensors")), "export").Arrays;
        Assert.Equal(trained.Keys, arrays.Select(a => a.Name));
        Assert.Equal([12L, 8L], arrays.Single(a => a.Name == "encoder.logits.weight").Shape);
        Assert.Equal([8L, 12L], arrays.Single(a => a.Name == "decoder.hidden.0.weight").Shape);
        var architecture = JsonNode.Parse(File.ReadAllText(Path.Combine(outFolder, "model.json")))!;
        Assert.Equal("uniform categorical, one-hot", (string?)architecture["prior"]);
        Assert.Equal(4, (int?)architecture["model"]!["categories"]);
    }

    [Fact]
    public void A_convolutional_run_exports_its_conv_layers_and_their_spec()
    {
        using var temp = new TempFolder();
        var conv = Config with
        {
            Model = new ModelConfig { Latent = 3, Encoder = [8], Decoder = [8], EncoderConv = [new(2, 4, 2)], DecoderConv = [new(3, 4, 2)] },
        };
        var (storePath, trained) = TrainedStore(temp, conv);
        var outFolder = temp.File("out");

        var (code, _, error) = CliRunner.Run("export", storePath, Key.Value, "--out", outFolder);

        Assert.True(code == ExitCodes.Ok, error);
        var arrays = SafeTensorsFile.Deserialize(File.ReadAllBytes(Path.Combine(outFolder, "model.safetensors")), "export").Arrays;
        Assert.Equal(trained.Keys, arrays.Select(a => a.Name));
        foreach (var a in arrays) Assert.Equal(trained[a.Name], a.AsFloat32());
        Assert.Equal([2L, 1, 4, 4], arrays.Single(a => a.Name == "encoder.conv.0.weight").Shape);
        Assert.Equal([3L, 1, 4, 4], arrays.Single(a => a.Name == "decoder.deconv.0.weight").Shape);
        var architecture = JsonNode.Parse(File.ReadAllText(Path.Combine(outFolder, "model.json")))!;
        Assert.Equal(784, architecture["inputs"]!.GetValue<int>());
        Assert.Equal("[[2,4,2]]", architecture["model"]!["encoder_conv"]!.ToJsonString());
        Assert.Contains("ConvTranspose2d", architecture["pytorch"]!.GetValue<string>());
    }

    [Fact]
    public void An_m2_run_exports_its_classifier_and_the_inputs_y_widens_and_lists_its_classes()
    {
        using var temp = new TempFolder();
        var m2 = Config with
        {
            Data = new DataConfig { Classes = [0, 1], Labelled = 20 },
            Model = new ModelConfig { Latent = 3, Encoder = [8], Decoder = [8] },
            Objective = new ObjectiveConfig { Kind = ObjectiveKind.M2 },
        };
        var (storePath, trained) = TrainedStore(temp, m2);
        var outFolder = temp.File("out");

        var (code, _, error) = CliRunner.Run("export", storePath, Key.Value, "--out", outFolder);

        Assert.True(code == ExitCodes.Ok, error);
        var arrays = SafeTensorsFile.Deserialize(File.ReadAllBytes(Path.Combine(outFolder, "model.safetensors")), "export").Arrays;
        Assert.Equal(trained.Keys, arrays.Select(a => a.Name));
        Assert.Equal([8L, 24L + 2], arrays.Single(a => a.Name == "encoder.trunk.0.weight").Shape);
        Assert.Equal([8L, 3L + 2], arrays.Single(a => a.Name == "decoder.hidden.0.weight").Shape);
        Assert.Equal([2L, 8L], arrays.Single(a => a.Name == "classifier.logits.weight").Shape);
        var architecture = JsonNode.Parse(File.ReadAllText(Path.Combine(outFolder, "model.json")))!;
        Assert.Equal([0, 1], architecture["classes"]!.AsArray().Select(c => (int)c!));
    }

    [Fact]
    public void Export_writes_the_newest_checkpoints_parameters_and_the_architecture()
    {
        using var temp = new TempFolder();
        var (storePath, trained) = TrainedStore(temp);
        var outFolder = temp.File("out");

        var (code, output, error) = CliRunner.Run("export", storePath, Key.Value, "--out", outFolder);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("the final model, after epoch 2 of 2", output);
        var (arrays, metadata) = SafeTensorsFile.Deserialize(File.ReadAllBytes(Path.Combine(outFolder, "model.safetensors")), "export");
        Assert.Equal(trained.Keys, arrays.Select(a => a.Name));
        foreach (var a in arrays) Assert.Equal(trained[a.Name], a.AsFloat32());
        Assert.Equal(Key.Value, metadata["run_key"]);

        // The same bytes as the checkpoint's model.* tensors, and nothing of Adam or the generator.
        string checkpointPath;
        using (var store = Store.Open(storePath)) checkpointPath = store.Checkpoints(Key)[0].Path;
        var checkpoint = SafeTensorsFile.Deserialize(File.ReadAllBytes(checkpointPath), checkpointPath).Arrays
            .Where(a => a.Name.StartsWith("model.", StringComparison.Ordinal)).ToList();
        Assert.Equal(checkpoint.Select(a => (a.Name["model.".Length..], a.Shape, a.Bytes)),
            arrays.Select(a => (a.Name, a.Shape, a.Bytes)), new TripleComparer());

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(outFolder, "model.json")))!;
        Assert.Equal(24, json["inputs"]!.GetValue<int>());
        Assert.Equal(3, json["model"]!["latent"]!.GetValue<int>());
        Assert.Equal("full", json["model"]!["posterior"]!.GetValue<string>());
        Assert.True(json["model"]!["shared_first_layer"]!.GetValue<bool>());
        Assert.Equal([16, 8], json["model"]!["encoder"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal(trained.Keys, json["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal(trained.Values.Sum(v => v.Length), json["parameter_count"]!.GetValue<long>());
        Assert.Contains("safetensors.torch.load_file", json["pytorch"]!.GetValue<string>());
    }

    [Fact]
    public void Export_of_an_unknown_run_is_one_line_and_a_store_error()
    {
        using var temp = new TempFolder();
        var (storePath, _) = TrainedStore(temp);

        var (code, _, error) = CliRunner.Run("export", storePath, "no-such-run", "--out", temp.File("out"));

        Assert.Equal(ExitCodes.StoreError, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("no run no-such-run", error);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("missing")]
    public void Export_refuses_a_damaged_newest_checkpoint_instead_of_exporting_an_older_one(string damage)
    {
        using var temp = new TempFolder();
        var (storePath, _) = TrainedStore(temp);
        string newest;
        using (var store = Store.Open(storePath)) newest = store.Checkpoints(Key).MaxBy(c => c.Epoch)!.Path;
        if (damage == "missing") File.Delete(newest);
        else File.WriteAllBytes(newest, File.ReadAllBytes(newest)[..10]);

        var (code, _, error) = CliRunner.Run("export", storePath, Key.Value, "--out", temp.File("out"));

        Assert.Equal(ExitCodes.StoreError, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains(newest, error);
        Assert.Contains("--epoch N (recorded: 1)", error);
        Assert.False(Directory.Exists(temp.File("out")));
    }

    [Fact]
    public void Export_of_an_older_epoch_asked_for_explicitly_says_so()
    {
        using var temp = new TempFolder();
        var (storePath, _) = TrainedStore(temp);

        var (code, output, _) = CliRunner.Run("export", storePath, Key.Value, "--out", temp.File("out"), "--epoch", "1");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("an older model, not the final one, after epoch 1 of 2", output);
        var architecture = JsonNode.Parse(File.ReadAllText(Path.Combine(temp.File("out"), "model.json")))!;
        Assert.Equal(1, (int)architecture["epochs_done"]!);
    }

    private sealed class TripleComparer : IEqualityComparer<(string, long[], byte[])>
    {
        public bool Equals((string, long[], byte[]) a, (string, long[], byte[]) b) =>
            a.Item1 == b.Item1 && a.Item2.SequenceEqual(b.Item2) && a.Item3.SequenceEqual(b.Item3);

        public int GetHashCode((string, long[], byte[]) t) => t.Item1.GetHashCode();
    }
}
