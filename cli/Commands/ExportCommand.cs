using System.CommandLine;
using VaeSweep.Core.Export;
using VaeSweep.Core.Storage;

namespace VaeSweep.Cli.Commands;

/// <summary>`vaesweep export STORE.db RUNKEY --out DIR`: a run's trained model as safetensors plus its architecture.</summary>
public static class ExportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var storeArgument = new Argument<string>("store") { Description = "the sweep's .db store" };
        var runKey = new Argument<string>("run-key") { Description = "the run to export (vaesweep status lists them)" };
        var outFolder = new Option<string>("--out") { Description = "folder for model.safetensors and model.json", Required = true };
        var command = new Command("export",
            "Write a run's newest checkpoint as DIR/model.safetensors (parameters only) and DIR/model.json (architecture).")
        {
            storeArgument, runKey, outFolder,
        };
        command.SetAction(parse => UserErrors.Run(error, () =>
        {
            var storePath = parse.GetValue(storeArgument)!;
            var key = parse.GetValue(runKey)!;
            using var store = Store.OpenReadOnly(storePath);
            using var run = ModelExport.LoadNewest(store, key, Core.Tensors.Device.Cpu);
            var (weights, architecture) = ModelExport.Write(run, key, parse.GetValue(outFolder)!);
            output.WriteLine($"run {key}: {run.Model.ParameterCount():N0} parameters after {run.EpochsDone} epoch(s), from {run.CheckpointPath}");
            output.WriteLine($"wrote {weights}");
            output.WriteLine($"wrote {architecture}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
