using System.CommandLine;
using VaeSweep.Cli;

// The table of contents: every command is one file under Commands/, assembled in CliApp.
// ProcessTerminationTimeout = null: System.CommandLine would otherwise kill the process 2 s after SIGTERM, too
// soon to finish a checkpoint; `run` and `worker` handle the signals themselves and stop at a safe point.
return CliApp.Run(CliApp.Build(Console.Out, Console.Error), args, Console.Error,
    new InvocationConfiguration { ProcessTerminationTimeout = null });
