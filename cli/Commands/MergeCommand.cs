using System.CommandLine;
using VaeSweep.Core.Storage;

namespace VaeSweep.Cli.Commands;

/// <summary>
/// `vaesweep merge OUT.db PART.db...`: merges stores written apart (one per Slurm array task on a node's local
/// disk) into one, with their run folders. Idempotent; a run recorded differently in two stores is refused with
/// one line and nothing is written.
/// </summary>
public static class MergeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var target = new Argument<string>("out") { Description = "the store to merge into (created if missing)" };
        var parts = new Argument<string[]>("parts") { Description = "stores to merge in", Arity = ArgumentArity.OneOrMore };
        var command = new Command("merge",
            "Merge stores written separately (for example one per Slurm array task) into one store, with their run " +
            "folders. Merging a part again changes nothing; a run recorded differently in two stores is refused.")
            { target, parts };
        command.SetAction(parse => UserErrors.Run(error, () =>
        {
            foreach (var part in StoreMerge.Merge(parse.GetValue(target)!, parse.GetValue(parts)!))
                output.WriteLine($"{part.Path}: {part.Runs} run(s), {part.Brought} merged in");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
