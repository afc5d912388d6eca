using System.CommandLine;
using VaeSweep.Cli;

namespace VaeSweep.Tests.Commands;

/// <summary>Runs one vaesweep command line in process and captures what it printed.</summary>
public static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args) =>
        Run(CliApp.Build, args);

    public static (int ExitCode, string Output, string Error) Run(Func<TextWriter, TextWriter, RootCommand> build,
        params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(build(output, error), args, error);
        return (code, output.ToString(), error.ToString());
    }
}
