using VaeSweep.Cli;

// The table of contents: every command is one file under Commands/, assembled in CliApp.
return CliApp.Build(Console.Out, Console.Error).Parse(args).Invoke();
