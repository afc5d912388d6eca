using System.Text.Json;
using System.Text.Json.Nodes;
using VaeSweep.Core.Checkpoints;
using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Models;
using VaeSweep.Core.Platform;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Export;

/// <summary>
/// A trained run as two files for use outside vaesweep: model.safetensors with the parameters only (the names of
/// <see cref="Module.NamedParameters"/>, float32, readable by safetensors.torch.load_file) and model.json with the
/// architecture needed to rebuild the network in PyTorch.
/// </summary>
public static class ModelExport
{
    public const string Format = "vaesweep-model-1";
    public const string WeightsFile = "model.safetensors";
    public const string ArchitectureFile = "model.json";

    private const string PyTorchNote =
        "Rebuild: each Linear is torch.nn.Linear(in, out) with weight (out, in); '<path>.<i>.weight' is hidden " +
        "layer i, followed by the activation. Encoder: x -> trunk (or shared, then mean_branch / scale_branch when " +
        "shared_first_layer) -> mean and log_var (diagonal: q = N(mean, exp(log_var))) or log_diagonal and lower " +
        "(full: L = tril(lower.view(latent, latent), -1) + diag(exp(log_diagonal)), q = N(mean, L L^T)), or trunk " +
        "-> logits (categorical: q = Categorical(logits=logits.view(latent, categories)) per variable, z one-hot). " +
        "Decoder: z (flattened to latent x categories when categorical) -> hidden -> logits; p(x|z) = " +
        "Bernoulli(logits=logits). With model.encoder_conv, x is first viewed as (1, 28, 28) and 'encoder.conv.<i>' " +
        "is torch.nn.Conv2d(in, channels, kernel, stride, padding=(kernel - stride) // 2) followed by the " +
        "activation, its output flattened for the trunk. With model.decoder_conv, the decoder's hidden layers are " +
        "followed by 'decoder.deconv.project' (a Linear and the activation) to the last encoder-side feature map " +
        "(channels, side, side) of that spec, then 'decoder.deconv.<i>', torch.nn.ConvTranspose2d with weight " +
        "(in, out, kernel, kernel) and the same padding, the spec's layers in reverse order, the activation between " +
        "them, the last giving 1 x 28 x 28 logits, flattened. Prior p(z) = N(0, I), or uniform over the categories. Load with " +
        "safetensors.torch.load_file('model.safetensors') and copy each tensor into the parameter of the same name.";

    /// <summary>A run's model restored from one checkpoint, with the run's config and how many epochs it had finished.</summary>
    public sealed record LoadedRun(Vae Model, RunConfig Config, int EpochsDone, string CheckpointPath) : IDisposable
    {
        public void Dispose() => Model.Dispose();
    }

    /// <summary>
    /// The model to export: the checkpoint of epoch <paramref name="epoch"/> when given, else the run's newest
    /// recorded checkpoint, which for a completed run must be its final one. Never falls back to an older
    /// checkpoint on its own: the exported model would then not be the one whose log-likelihood `report` shows.
    /// </summary>
    public static LoadedRun LoadForExport(Store store, RunKey runKey, int? epoch, Device device)
    {
        var run = store.Sweeps().SelectMany(s => store.Runs(s.Id)).FirstOrDefault(r => r.RunKey == runKey)
            ?? throw new StoreException($"{store.Path}: no run {runKey} (vaesweep status {store.Path} lists the runs)");
        var config = run.Config;
        var checkpoints = store.Checkpoints(runKey);
        var recorded = checkpoints.Count == 0 ? "none" : string.Join(", ", checkpoints.Select(c => c.Epoch).Order());
        if (epoch is { } asked)
        {
            var row = checkpoints.FirstOrDefault(c => c.Epoch == asked)
                ?? throw new StoreException($"{store.Path}: run {runKey} has no checkpoint after epoch {asked} (recorded: {recorded})");
            return Load(row, runKey, config, device);
        }
        if (checkpoints.Count == 0)
            throw new StoreException($"{store.Path}: run {runKey} has no checkpoint yet (state {run.State.ToString().ToLowerInvariant()})");
        var newest = checkpoints.MaxBy(c => c.Epoch)!;
        var final = config.Training.Epochs;
        if (run.State == RunState.Completed && newest.Epoch != final)
            throw new CheckpointException(
                $"run {runKey}: its final checkpoint (after epoch {final}) is not recorded, so the model `report` " +
                $"describes cannot be exported; export an older one with --epoch N (recorded: {recorded})");
        try
        {
            return Load(newest, runKey, config, device);
        }
        catch (CheckpointException e)
        {
            var older = checkpoints.Where(c => c.Epoch < newest.Epoch).Select(c => c.Epoch).Order().ToList();
            var hint = older.Count == 0 ? "no older checkpoint is recorded" : $"export an older one with --epoch N (recorded: {string.Join(", ", older)})";
            throw new CheckpointException($"run {runKey}: its newest checkpoint cannot be used ({e.Message}); {hint}");
        }
    }

    /// <summary>Restores one checkpoint into a model built from the config; the input size comes from the
    /// checkpoint itself (the decoder's output bias; 28x28 for a convolutional decoder), so the data set need not
    /// be loaded.</summary>
    public static LoadedRun Load(CheckpointRecord record, RunKey runKey, RunConfig config, Device device)
    {
        var bytes = CheckpointStore.Read(record);
        var (arrays, _) = SafeTensorsFile.Deserialize(bytes, record.Path);
        var inputs = config.Model.DecoderConv.Count > 0 ? ConvShapes.ImageInputs : InputsOfDenseDecoder(arrays, record.Path);
        using var generator = new Generator(unchecked((ulong)config.Seed), device);
        var model = Vae.For(config, inputs, generator, device);
        try
        {
            var t = config.Training;
            using var adam = new Adam(model.Parameters(), t.Lr, t.Beta1, t.Beta2, t.Eps);
            var epochs = Checkpoint.Restore(bytes, record.Path, runKey.Value, model, adam, generator);
            return new LoadedRun(model, config, epochs, record.Path);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static int InputsOfDenseDecoder(IReadOnlyList<NamedArray> arrays, string path)
    {
        var outputBias = arrays.FirstOrDefault(a => a.Name == "model.decoder.logits.bias")
            ?? throw new CheckpointException($"{path}: tensor 'model.decoder.logits.bias' is missing");
        return checked((int)outputBias.Shape[0]);
    }

    /// <summary>Writes DIR/model.safetensors and DIR/model.json (durably); returns their paths.</summary>
    public static (string Weights, string Architecture) Write(LoadedRun run, RunKey runKey, string folder)
    {
        Directory.CreateDirectory(folder);
        var model = run.Model;
        var arrays = new List<NamedArray>();
        var parameters = new JsonArray();
        foreach (var (name, p) in model.NamedParameters())
        {
            using var scope = new DisposeScope();
            var values = p.device.IsCuda ? p.to(Device.Cpu).data<float>() : p.data<float>();
            arrays.Add(NamedArray.Float32(name, p.shape, values));
            parameters.Add(new JsonObject
            {
                ["name"] = name,
                ["shape"] = new JsonArray(p.shape.Select(d => (JsonNode)d).ToArray()),
                ["dtype"] = "float32",
            });
        }
        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["run_key"] = runKey.Value,
            ["epochs_done"] = run.EpochsDone.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var weightsPath = Path.Combine(folder, WeightsFile);
        DurableFile.Write(weightsPath, SafeTensorsFile.Serialize(arrays, metadata));

        // The model section of the canonical config: the same keys and spellings as a sweep's YAML.
        var canonical = JsonNode.Parse(CanonicalConfig.ToJson(run.Config))!.AsObject();
        var architecture = new JsonObject
        {
            ["format"] = Format,
            ["run_key"] = runKey.Value,
            ["epochs_done"] = run.EpochsDone,
            ["inputs"] = model.Inputs,
            ["model"] = canonical["model"]!.DeepClone(),
            ["likelihood"] = "bernoulli: the decoder outputs one logit per input",
            ["prior"] = model.IsCategorical ? "uniform categorical, one-hot" : "standard normal",
            ["parameter_count"] = model.ParameterCount(),
            ["parameters"] = parameters,
            ["pytorch"] = PyTorchNote,
        };
        if (model.IsM2)
        {
            // Where y enters M2's networks, so a PyTorch user can rebuild them (Kingma et al. 2014).
            architecture["classes"] = new JsonArray(LabelledSubset.Classes(run.Config.Data).Select(c => (JsonNode)(int)c).ToArray());
            architecture["m2"] = "classifier.* is q(y|x) (softmax over classes, in the order listed); the encoder reads x then "
                + "one-hot y, the decoder z then one-hot y; p(y) uniform";
        }
        var jsonPath = Path.Combine(folder, ArchitectureFile);
        var text = architecture.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        DurableFile.Write(jsonPath, System.Text.Encoding.UTF8.GetBytes(text));
        return (weightsPath, jsonPath);
    }
}
