using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;

namespace VaeSweep.Tests.Planning;

/// <summary>
/// `plan` spreads the packs over the workers as `run` does: the beta sweep's seven same-shaped runs are one pack of
/// seven for one worker and packs of four and three for two (tests/e2e/packs.sh checks that `run` forms those).
/// </summary>
public sealed class PackPlanTests
{
    private static Plan Load(string config) => Planner.Expand(ConfigLoader.LoadFile(Config.RepoPaths.Combine("configs", config)));

    private static string Sizes(PackPlan packs) =>
        string.Join(" ", packs.PackOfRun.OfType<int>().GroupBy(p => p).OrderBy(g => g.Key).Select(g => g.Count()));

    [Theory]
    [InlineData(1, new[] { 7 }, 8, "packs: 1 of up to 8 runs (7)")]
    [InlineData(2, new[] { 4, 3 }, 4, "packs: 2 of up to 4 runs (4, 3), narrower than 8 to share the runs among 2 workers")]
    [InlineData(3, new[] { 3, 3, 1 }, 3, "packs: 3 of up to 3 runs (3, 3, 1), narrower than 8 to share the runs among 3 workers")]
    [InlineData(7, new[] { 1, 1, 1, 1, 1, 1, 1 }, 1, "packs: none (7 workers take a run each)")]
    [InlineData(64, new[] { 1, 1, 1, 1, 1, 1, 1 }, 1, "packs: none (7 workers take a run each)")]
    public void The_packs_are_spread_over_the_workers(int workers, int[] sizes, int width, string line)
    {
        var packs = PackPlan.Form(Load("beta.yaml"), 8, _ => true, workers);

        Assert.Equal((string.Join(" ", sizes), width, line), (Sizes(packs), packs.Width, packs.Describe()));
    }

    [Fact]
    public void Packs_the_shapes_already_give_each_worker_are_not_called_narrower()
    {
        // Smoke's two latent sizes never share a pack: two packs of two for a cap of 3, with or without two workers.
        var packs = PackPlan.Form(Load("smoke.yaml"), 3, _ => true, workers: 2);

        Assert.Equal(("2 2", 3, "packs: 2 of up to 3 runs (2, 2)"), (Sizes(packs), packs.Width, packs.Describe()));
    }

    [Fact]
    public void Only_the_runs_left_to_train_are_spread()
    {
        var plan = Load("beta.yaml");
        var packs = PackPlan.Form(plan, 8, run => run != plan.Runs[0] && run != plan.Runs[1] && run != plan.Runs[2], workers: 2);

        Assert.Equal("2 2", Sizes(packs));
        Assert.All(packs.PackOfRun.Take(3), Assert.Null);
    }

    [Theory]
    [InlineData(7, 2, 8, 4)]
    [InlineData(7, 2, 3, 3)]
    [InlineData(8, 2, 8, 4)]
    [InlineData(1, 4, 8, 1)]
    [InlineData(100, 1, 8, 8)]
    public void Spread_divides_the_runs_evenly_up_to_the_cap(int runs, int workers, int cap, int width) =>
        Assert.Equal(width, PackPlan.Spread(runs, workers, cap));
}
