using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;

namespace VaeSweep.Tests.Planning;

/// <summary>
/// Rendered plans against golden files. A golden file pins run keys too, so it fails when the canonical form
/// changes. To accept a deliberate change, copy the <c>.actual</c> file written beside the golden one.
/// </summary>
public sealed class PlanPrinterTests
{
    [Theory]
    [InlineData("architecture.yaml", "architecture-plan.txt")]
    [InlineData("smoke.yaml", "smoke-plan.txt")]
    public void Rendered_plan_matches_golden_file(string config, string golden)
    {
        var plan = Planner.Expand(ConfigLoader.LoadFile(Config.RepoPaths.Combine("configs", config)));
        var goldenPath = Config.RepoPaths.Combine("tests", "Planning", "golden", golden);

        var actual = PlanPrinter.Render(plan);

        var expected = File.Exists(goldenPath) ? File.ReadAllText(goldenPath) : "";
        if (expected != actual) File.WriteAllText(goldenPath + ".actual", actual);
        Assert.Equal(expected, actual);
    }
}
