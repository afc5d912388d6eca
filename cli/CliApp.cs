using System.CommandLine;
using VaeSweep.Cli.Commands;

namespace VaeSweep.Cli;

/// <summary>Assembles the commands. Output writers are passed in so tests can capture what a command prints.</summary>
public static class CliApp
{
    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand(
            "vaesweep: declarative sweeps of variational autoencoders (VAE, IWAE) on libtorch, recorded in SQLite.");
        root.Subcommands.Add(RunCommand.Create(output, error));
        root.Subcommands.Add(PlanCommand.Create(output, error));
        root.Subcommands.Add(StatusCommand.Create(output, error));
        root.Subcommands.Add(DoctorCommand.Create(output, error));
        root.Subcommands.Add(BenchCommand.Create(output, error));
        root.Subcommands.Add(WorkerCommand.Create(output, error));
        root.Subcommands.Add(InfoCommand.Create(output, error));
        root.Subcommands.Add(ReportCommand.Create(output, error));
        root.Subcommands.Add(SelftestCommand.Create(output, error));
        root.Subcommands.Add(ExportCommand.Create(output, error));
        root.Subcommands.Add(FetchCommand.Create(output, error));
        root.Subcommands.Add(MergeCommand.Create(output, error));
        return root;
    }

    /// <summary>
    /// Runs one command line: the one place that turns a bad command line into <see cref="ExitCodes.Usage"/>
    /// (System.CommandLine's own default is 1, which means "some runs failed" here), so the program and the tests
    /// answer alike.
    /// </summary>
    public static int Run(RootCommand root, string[] args, TextWriter error, InvocationConfiguration? invocation = null)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
        {
            foreach (var e in parse.Errors) error.WriteLine($"error: {e.Message}");
            error.WriteLine("(see vaesweep --help)");
            return ExitCodes.Usage;
        }
        return parse.Invoke(invocation);
    }
}
