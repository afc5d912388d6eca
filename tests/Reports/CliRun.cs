using VaeSweep.Tests.Commands;

namespace VaeSweep.Tests.Reports;

/// <summary>Runs `vaesweep report` with captured output.</summary>
internal static class CliRun
{
    public static (int Code, string Output, string Error) Report(params string[] args) =>
        CliRunner.Run(["report", .. args]);
}
