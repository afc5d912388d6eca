using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;

namespace VaeSweep.Tests.Planning;

/// <summary>Edits to a sweep: what the diff lists, and whether the edit may extend the existing store.</summary>
public sealed class ConfigDiffTests
{
    private const string Stored = """
        sweep: {name: beta}
        base: {training: {epochs: 10}}
        grid: {objective.beta: [0, 1], seed: [0]}
        zip: {model.latent: [2, 10], data.test_limit: [100, 200]}
        """;

    public static TheoryData<string, string, SweepChangeKind, string[]> Edits => new()
    {
        { "nothing", Stored, SweepChangeKind.Unchanged, [] },
        { "reformatted only", Stored.Replace("[0, 1]", "[0.0, 1.0]").Replace("epochs: 10", "epochs: 10 "), SweepChangeKind.Unchanged, [] },
        { "store moved", Stored.Replace("{name: beta}", "{name: beta, store: other.db}"), SweepChangeKind.Unchanged, [] },
        { "beta value added", Stored.Replace("[0, 1]", "[0, 0.5, 1]"), SweepChangeKind.Extended, ["grid.objective.beta: [0, 1] -> [0, 0.5, 1]"] },
        { "zip tuple added", Stored.Replace("[2, 10]", "[2, 10, 20]").Replace("[100, 200]", "[100, 200, 300]"), SweepChangeKind.Extended,
            ["zip.data.test_limit: [100, 200] -> [100, 200, 300]", "zip.model.latent: [2, 10] -> [2, 10, 20]"] },
        { "beta value removed", Stored.Replace("[0, 1]", "[0]"), SweepChangeKind.Changed, ["grid.objective.beta: [0, 1] -> [0]"] },
        { "base setting changed", Stored.Replace("epochs: 10", "epochs: 20"), SweepChangeKind.Changed, ["base.training.epochs: 10 -> 20"] },
        { "axis added", Stored.Replace("seed: [0]", "seed: [0], model.activation: [tanh]"), SweepChangeKind.Changed,
            ["grid.model.activation: (absent) -> [\"tanh\"]"] },
        { "zip tuple changed", Stored.Replace("[100, 200]", "[100, 300]"), SweepChangeKind.Changed, ["zip.data.test_limit: [100, 200] -> [100, 300]"] },
        { "exclude added", Stored + "\nexclude: [{seed: 0, objective.beta: 1}]", SweepChangeKind.Changed,
            ["exclude: (absent) -> [{seed: 0, objective.beta: 1}]"] },
        { "renamed", Stored.Replace("{name: beta}", "{name: beta2}"), SweepChangeKind.Changed, ["sweep.name: beta -> beta2"] },
        { "execution setting changed", Stored.Replace("epochs: 10}", "epochs: 10, checkpoint_every: 2}"), SweepChangeKind.Retuned,
            ["base.training.checkpoint_every: 1 -> 2"] },
        { "value added and execution setting changed", Stored.Replace("[0, 1]", "[0, 1, 2]").Replace("epochs: 10}", "epochs: 10, checkpoint_every: 2}"),
            SweepChangeKind.Extended, ["base.training.checkpoint_every: 1 -> 2", "grid.objective.beta: [0, 1] -> [0, 1, 2]"] },
        { "execution and other setting changed", Stored.Replace("epochs: 10}", "epochs: 11, checkpoint_every: 2}"), SweepChangeKind.Changed,
            ["base.training.checkpoint_every: 1 -> 2", "base.training.epochs: 10 -> 11"] },
        { "value added and setting changed", Stored.Replace("[0, 1]", "[0, 1, 2]").Replace("epochs: 10", "epochs: 11"), SweepChangeKind.Changed,
            ["base.training.epochs: 10 -> 11", "grid.objective.beta: [0, 1] -> [0, 1, 2]"] },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Edit_is_classified_with_its_diff(string name, string edited, SweepChangeKind kind, string[] changes)
    {
        var comparison = SweepComparison.Compare(ConfigLoader.LoadString(Stored, "stored"), ConfigLoader.LoadString(edited, name));

        Assert.Equal(changes, comparison.Changes.Select(c => c.ToString()));
        Assert.Equal(kind, comparison.Kind);
    }

    [Fact]
    public void Canonical_json_diff_lists_changed_leaves_sorted()
    {
        var before = CanonicalConfig.ToJson(new RunConfig());
        var after = CanonicalConfig.ToJson(new RunConfig { Seed = 3, Model = new() { Encoder = [10] }, Training = new() { Lr = 0.01 } });

        var changes = ConfigDiff.Between(before, after).Select(c => c.ToString());

        Assert.Equal(["model.encoder: [200,200] -> [10]", "seed: 0 -> 3", "training.lr: 0.001 -> 0.01"], changes);
    }
}
