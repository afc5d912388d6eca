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
    [InlineData("architecture.yaml", "architecture-plan.txt", null)]
    [InlineData("smoke.yaml", "smoke-plan.txt", null)]
    // Activations or widths differ, so no two architecture runs share a pack; smoke's VAE and IWAE runs of one latent
    // size train at the same k, so they share one, while the two latent sizes never do.
    [InlineData("architecture.yaml", "architecture-packs.txt", 8)]
    [InlineData("smoke.yaml", "smoke-packs.txt", 3)]
    public void Rendered_plan_matches_golden_file(string config, string golden, int? pack)
    {
        var plan = Planner.Expand(ConfigLoader.LoadFile(Config.RepoPaths.Combine("configs", config)));
        var goldenPath = Config.RepoPaths.Combine("tests", "Planning", "golden", golden);

        var actual = PlanPrinter.Render(plan, packs: pack is { } width ? PackPlan.Form(plan, width, _ => true) : null);

        var expected = File.Exists(goldenPath) ? File.ReadAllText(goldenPath) : "";
        if (expected != actual) File.WriteAllText(goldenPath + ".actual", actual);
        Assert.Equal(expected, actual);
    }
}
