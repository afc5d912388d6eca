using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;

namespace VaeSweep.Tests.Config;

/// <summary>
/// Good files: the base section must change exactly the keys it names, to exactly the values written, and
/// leave every other key at the RunConfig default. Compared through the canonical form, key by key.
/// </summary>
public sealed class ResolvedValueTests
{
    public static TheoryData<string, string, string[]> Cases => new()
    {
        { "empty base keeps every default", "{}", [] },
        { "integer", "{model: {latent: 7}}", ["model.latent: 50 -> 7"] },
        { "double written as an integer", "{objective: {beta: 2}}", ["objective.beta: 1 -> 2"] },
        { "double with exponent", "{training: {lr: 3e-4}}", ["training.lr: 0.001 -> 0.0003"] },
        { "negative zero is zero", "{objective: {beta: -0.0}}", ["objective.beta: 1 -> 0"] },
        { "kebab-case enums", "{data: {dataset: fashion-mnist}, objective: {kl: monte-carlo}, model: {activation: leaky-relu}}",
            ["data.dataset: \"mnist-sample\" -> \"fashion-mnist\"", "model.activation: \"tanh\" -> \"leaky-relu\"", "objective.kl: \"analytic\" -> \"monte-carlo\""] },
        { "quoted enum is still a name", "{model: {posterior: \"full\"}}", ["model.posterior: \"diagonal\" -> \"full\""] },
        { "boolean", "{model: {shared_first_layer: true}}", ["model.shared_first_layer: false -> true"] },
        { "class subset", "{data: {classes: [0, 1, 4, 9]}}", ["data.classes: [] -> [0,1,4,9]"] },
        { "widths", "{model: {encoder: [500, 300, 100]}}", ["model.encoder: [200,200] -> [500,300,100]"] },
        { "k schedule", "{objective: {k_schedule: [{epoch: 0, k: 1}, {k: 50, epoch: 5}]}}",
            ["objective.k_schedule: [] -> [{\"epoch\":0,\"k\":1},{\"epoch\":5,\"k\":50}]"] },
        { "seed is wide", "{seed: 9000000000}", ["seed: 0 -> 9000000000"] },
        { "data path", "{data: {path: /data/mnist}}", ["data.path: null -> \"/data/mnist\""] },
        { "zero limits allowed", "{data: {train_limit: 0, test_limit: 500}}", ["data.test_limit: 0 -> 500"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Base_section_changes_exactly_the_named_keys(string name, string baseYaml, string[] expected)
    {
        var sweep = ConfigLoader.LoadString($"sweep: {{name: t}}\nbase: {baseYaml}\n", name);

        var changes = ConfigDiff.Between(CanonicalConfig.ToJson(new RunConfig()), CanonicalConfig.ToJson(sweep.Base));

        Assert.Equal(expected, changes.Select(c => c.ToString()));
    }

    [Theory]
    [InlineData("sweep: {name: beta}", "runs/beta.db")]
    [InlineData("sweep: {name: beta, store: /tmp/x/beta.db}", "/tmp/x/beta.db")]
    public void Store_path_defaults_to_runs_folder(string yaml, string expected)
    {
        Assert.Equal(expected, ConfigLoader.LoadString(yaml, "t").StorePath);
    }
}
