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
}
