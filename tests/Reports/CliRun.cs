using VaeSweep.Cli;

namespace VaeSweep.Tests.Reports;

/// <summary>Runs the real command line with captured output.</summary>
internal static class CliRun
{
    public static (int Code, string Output, string Error) Report(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Build(output, error).Parse(["report", .. args]).Invoke();
        return (code, output.ToString(), error.ToString());
    }
}
