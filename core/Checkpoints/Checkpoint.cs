using System.Globalization;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Checkpoints;

/// <summary>
/// Everything needed to continue a run as if it had never stopped: parameters, Adam's moments and step count,
/// the run's random generator state, and the number of finished epochs. Stored as safetensors with the run key
/// in the metadata, so a checkpoint of another run is recognised and refused.
/// </summary>
public static class Checkpoint
{
    private const string Format = "vaesweep-checkpoint-1";

    public static byte[] Capture(string runKey, int epochsDone, Vae model, Adam adam, Generator generator)
    {
        var arrays = new List<NamedArray>();
        foreach (var (name, p) in model.NamedParameters())
            arrays.Add(NamedArray.Float32("model." + name, p.shape, p.data<float>()));
        foreach (var (kind, index, t) in adam.StateTensors())
            arrays.Add(NamedArray.Float32($"adam.{kind}.{index}", t.shape, t.data<float>()));
        arrays.Add(NamedArray.UInt8("rng", generator.get_state()));
        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["run_key"] = runKey,
            ["epochs_done"] = epochsDone.ToString(CultureInfo.InvariantCulture),
            ["adam_step"] = adam.StepCount.ToString(CultureInfo.InvariantCulture),
        };
        return SafeTensorsFile.Serialize(arrays, metadata);
    }

    /// <summary>Loads a checkpoint into the given (freshly built) model, optimiser and generator; returns the
    /// number of epochs it had finished. Validates everything before touching any tensor.</summary>
    public static int Restore(byte[] bytes, string displayName, string runKey, Vae model, Adam adam, Generator generator)
    {
        var (arrays, metadata) = SafeTensorsFile.Deserialize(bytes, displayName);
        if (!metadata.TryGetValue("format", out var format) || format != Format)
            throw new CheckpointException($"{displayName}: not a vaesweep checkpoint");
        if (metadata.GetValueOrDefault("run_key") != runKey)
            throw new CheckpointException($"{displayName}: belongs to run {metadata.GetValueOrDefault("run_key")}, not {runKey}");
        var byName = arrays.ToDictionary(a => a.Name);
        var targets = model.NamedParameters().Select(p => ("model." + p.Name, p.Tensor))
            .Concat(adam.StateTensors().Select(s => ($"adam.{s.Kind}.{s.Index}", s.Tensor))).ToList();
        foreach (var (name, tensor) in targets)
            if (!byName.TryGetValue(name, out var a) || !a.Shape.SequenceEqual(tensor.shape))
                throw new CheckpointException($"{displayName}: tensor '{name}' is missing or has the wrong shape");
        if (!byName.TryGetValue("rng", out var rng))
            throw new CheckpointException($"{displayName}: generator state is missing");
        var epochs = int.Parse(metadata["epochs_done"], CultureInfo.InvariantCulture);
        var steps = long.Parse(metadata["adam_step"], CultureInfo.InvariantCulture);

        using var scope = new DisposeScope();
        foreach (var (name, tensor) in targets)
        {
            var values = Torch.tensor(byName[name].AsFloat32(), tensor.shape);
            tensor.copy_(tensor.device.IsCuda ? values.to(tensor.device) : values);
        }
        adam.RestoreStepCount(steps);
        generator.set_state(rng.Bytes);
        return epochs;
    }
}
