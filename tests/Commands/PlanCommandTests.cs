using VaeSweep.Tests.Config;
using VaeSweep.Tests.Data;

namespace VaeSweep.Tests.Commands;

public sealed class PlanCommandTests
{
    [Fact]
    public void The_header_names_the_store_given_with_store()
    {
        using var temp = new TempFolder();
        var store = temp.File("elsewhere.db");

        var (code, output, error) = CliRunner.Run("plan", RepoPaths.Combine("configs", "smoke.yaml"), "--store", store);

        Assert.Equal("", error);
        Assert.Equal(0, code);
        var lines = output.Split('\n');
        Assert.EndsWith($", store {store}", lines[0]);
        Assert.DoesNotContain("smoke.db", output);
        Assert.EndsWith($"no store yet at {store}", lines.Last(l => l.Length > 0));
        Assert.False(File.Exists(store), "plan must not create a store");
    }
}
