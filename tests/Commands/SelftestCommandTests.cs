using VaeSweep.Cli;
using VaeSweep.Core.SelfTest;

namespace VaeSweep.Tests.Commands;

public sealed class SelftestCommandTests
{
    [Fact]
    public void Selftest_passes_every_check_and_prints_a_line_for_each()
    {
        var (code, output, error) = CliRunner.Run("selftest");

        Assert.True(code == ExitCodes.Ok, output + error);
        foreach (var check in SelfTestSuite.Checks) Assert.Contains($"PASS  {check.Name}", output);
        Assert.Contains($"all {SelfTestSuite.Checks.Count} checks passed", output);
    }

    [Fact]
    public void Check_names_are_unique()
    {
        var names = SelfTestSuite.Checks.Select(c => c.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }
}
