using System.CommandLine;
using VaeSweep.Cli;

// The table of contents: every command is one file under Commands/, assembled in CliApp.
var parse = CliApp.Build(Console.Out, Console.Error).Parse(args);
if (parse.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
{
    // A bad command line is exit code 2 (System.CommandLine's own default is 1, which means "some runs failed" here).
    foreach (var e in parse.Errors) Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine("(see vaesweep --help)");
    return ExitCodes.Usage;
}
// ProcessTerminationTimeout = null: System.CommandLine would otherwise kill the process 2 s after SIGTERM, too
// soon to finish a checkpoint; `run` and `worker` handle the signals themselves and stop at a safe point.
return parse.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
