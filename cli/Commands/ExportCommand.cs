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
        var epoch = new Option<int?>("--epoch") { Description = "export the checkpoint after this epoch instead of the newest (the final one of a completed run)" };
        var command = new Command("export",
            "Write a run's newest checkpoint (or the one after --epoch N) as DIR/model.safetensors (parameters only) and " +
            "DIR/model.json (architecture). A damaged newest checkpoint is refused, not replaced by an older one.")
        {
            storeArgument, runKey, outFolder, epoch,
        };
        command.SetAction(parse => UserErrors.Run(error, () =>
        {
            var storePath = parse.GetValue(storeArgument)!;
            var key = new Core.Config.RunKey(parse.GetValue(runKey)!);
            using var store = Store.OpenReadOnly(storePath);
            int? asked = parse.GetValue(epoch) is { } e ? Arguments.Positive(e, "--epoch") : null;
            using var run = ModelExport.LoadForExport(store, key, asked, Core.Tensors.Device.Cpu);
            var (weights, architecture) = ModelExport.Write(run, key, parse.GetValue(outFolder)!);
            var planned = run.Config.Training.Epochs;
            var which = run.EpochsDone == planned ? "the final model" : "an older model, not the final one";
            output.WriteLine($"run {key}: {which}, after epoch {run.EpochsDone} of {planned} ({run.Model.ParameterCount():N0} parameters), from {run.CheckpointPath}");
            output.WriteLine($"wrote {weights}");
            output.WriteLine($"wrote {architecture}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
