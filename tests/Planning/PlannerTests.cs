using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;

namespace VaeSweep.Tests.Planning;

/// <summary>Expansion as a table: axes, zip and excludes in, the ordered axis values of each run out.</summary>
public sealed class PlannerTests
{
    public static TheoryData<string, string, string[]> Cases => new()
    {
        { "no axes is one run", "", [""] },
        { "one axis keeps file order", "grid: {objective.beta: [2, 0.5, 1]}", ["2", "0.5", "1"] },
        { "last grid axis turns fastest", "grid: {seed: [0, 1], model.latent: [2, 5]}", ["0 2", "0 5", "1 2", "1 5"] },
        { "zip moves together", "zip: {model.latent: [2, 10], training.epochs: [5, 10]}", ["2 5", "10 10"] },
        { "zip is slower than the grid", "zip: {model.latent: [2, 10], training.epochs: [5, 10]}\ngrid: {seed: [0, 1]}",
            ["2 5 0", "2 5 1", "10 10 0", "10 10 1"] },
        { "exclude drops runs matching every key", "grid: {objective.kind: [vae, iwae], objective.k: [1, 50]}\nexclude: [{objective.kind: vae, objective.k: 50}]",
            ["\"vae\" 1", "\"iwae\" 1", "\"iwae\" 50"] },
        { "exclude on one key drops its whole slice", "grid: {seed: [0, 1], model.latent: [2, 5]}\nexclude: [{seed: 1}]", ["0 2", "0 5"] },
        { "exclude may name a zip axis", "zip: {model.latent: [2, 10], training.epochs: [5, 10]}\nexclude: [{model.latent: 10}]", ["2 5"] },
        { "list-valued axis", "grid: {model.encoder: [[200, 200], [500]]}", ["[200,200]", "[500]"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Expansion_yields_runs_in_plan_order(string name, string axesYaml, string[] expected)
    {
        var plan = Planner.Expand(ConfigLoader.LoadString($"sweep: {{name: t}}\n{axesYaml}\n", name));

        Assert.Equal(expected, plan.Runs.Select(run => string.Join(" ", run.Axes.Select(a => a.Value))));
        Assert.Equal(plan.Runs.Count, plan.Runs.Select(run => run.Key).Distinct().Count());
    }

    [Fact]
    public void Axis_values_reach_the_resolved_config_over_the_base()
    {
        var plan = Planner.Expand(ConfigLoader.LoadString(
            "sweep: {name: t}\nbase: {model: {latent: 3}, objective: {beta: 4}}\ngrid: {model.latent: [2, 8]}\n", "t"));

        Assert.Equal([2, 8], plan.Runs.Select(run => run.Config.Model.Latent));
        Assert.All(plan.Runs, run => Assert.Equal(4.0, run.Config.Objective.Beta));
    }

    [Fact]
    public void Excluded_runs_are_counted()
    {
        var plan = Planner.Expand(ConfigLoader.LoadString("sweep: {name: t}\ngrid: {seed: [0, 1, 2]}\nexclude: [{seed: 1}, {seed: 2}]\n", "t"));

        Assert.Equal(2, plan.Excluded);
        Assert.Single(plan.Runs);
    }

    [Fact]
    public void Adding_an_axis_value_keeps_the_keys_of_existing_runs()
    {
        var before = Planner.Expand(ConfigLoader.LoadString("sweep: {name: t}\ngrid: {objective.beta: [0, 1]}\n", "t"));
        var after = Planner.Expand(ConfigLoader.LoadString("sweep: {name: t}\ngrid: {objective.beta: [0, 0.5, 1]}\n", "t"));

        Assert.Subset(after.Runs.Select(r => r.Key).ToHashSet(), before.Runs.Select(r => r.Key).ToHashSet());
    }

    [Fact]
    public void Categorical_settings_in_base_reach_the_categorical_runs_and_leave_the_gaussian_ones_unchanged()
    {
        var plain = Planner.Expand(ConfigLoader.LoadString("sweep: {name: t}\n", "t"));
        var mixed = Planner.Expand(ConfigLoader.LoadString(
            "sweep: {name: t}\nbase: {objective: {temperature: 0.5}}\ngrid: {model.posterior: [diagonal, categorical]}\n", "t"));

        Assert.Equal(plain.Runs[0].Key, mixed.Runs[0].Key);
        Assert.Equal(0.5, mixed.Runs[1].Config.Objective.Temperature);
        Assert.Contains("\"temperature\":0.5", mixed.Runs[1].CanonicalJson);
    }
}
