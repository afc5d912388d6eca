using VaeSweep.Core.Config;
using VaeSweep.Core.Reports;
using VaeSweep.Core.Runs;

namespace VaeSweep.Tests.Reports;

/// <summary>A pivot over architectures shows each group's trainable parameters; one over equal sizes does not.</summary>
public sealed class PivotParameterTests
{
    private static ReportRow Row(int width, int latent, long seed)
    {
        var config = new RunConfig { Model = new ModelConfig { Encoder = [width], Decoder = [width], Latent = latent }, Seed = seed };
        var json = CanonicalConfig.ToJson(config);
        var axes = new Dictionary<string, string>
        {
            ["model.encoder"] = $"[{width}]", ["model.latent"] = latent.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var run = new RunRecord(RunKey.Of(CanonicalConfig.FromJson(json)).Value, RunState.Pending, null, null, json, "{}", null, [], [], null, []);
        return new ReportRow("s", "sweep", run, config, axes, json, json, []);
    }

    private static readonly ReportRow[] Rows = [Row(100, 2, 0), Row(100, 2, 1), Row(100, 4, 0), Row(300, 2, 0), Row(300, 4, 1)];

    [Fact]
    public void Groups_of_different_sizes_show_their_parameters_and_a_group_pooling_sizes_its_range()
    {
        var pivot = ReportGrouping.Pivot(Rows, ["model.encoder"], ["model.encoder", "model.latent", "seed"], ReportMetric.LogLikelihood);

        var table = ReportTables.Pivot(pivot, ReportMetric.LogLikelihood);

        Assert.Equal(["model.encoder", "params", "log-likelihood"], table.Headers);
        string Size(int width, int latent) => ParameterCount.Display(Rows.First(r => r.Axes["model.encoder"] == $"[{width}]"
            && r.Axes["model.latent"] == latent.ToString(System.Globalization.CultureInfo.InvariantCulture)).Config);
        Assert.Equal($"{Size(100, 2)}-{Size(100, 4)}", table.Rows[0][1]);
        Assert.Equal($"{Size(300, 2)}-{Size(300, 4)}", table.Rows[1][1]);
        Assert.NotEqual(Size(100, 2), Size(100, 4));

        var across = ReportTables.Pivot(ReportGrouping.Pivot(Rows, ["model.encoder", "model.latent"],
            ["model.encoder", "model.latent", "seed"], ReportMetric.LogLikelihood), ReportMetric.LogLikelihood);
        Assert.Equal(["model.encoder \\ model.latent", "params", "2", "4"], across.Headers);
    }

    [Fact]
    public void Groups_of_one_size_leave_the_column_out()
    {
        var sameSize = Rows.Where(r => r.Axes["model.encoder"] == "[100]" && r.Axes["model.latent"] == "2").ToList();

        var table = ReportTables.Pivot(ReportGrouping.Pivot(sameSize, ["seed"], ["seed"], ReportMetric.LogLikelihood),
            ReportMetric.LogLikelihood);

        Assert.Equal(["seed", "log-likelihood"], table.Headers);
    }
}
