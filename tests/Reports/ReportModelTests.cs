using VaeSweep.Core.Reports;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;

namespace VaeSweep.Tests.Reports;

/// <summary>Grouping, pivoting, ranking and paired differences on <see cref="DemoStore"/>, checked by value.</summary>
public sealed class ReportModelTests : IDisposable
{
    private readonly DemoStore _demo = new();

    private ReportModel Build(string[] by, string metric = "log-likelihood", bool compare = false) =>
        ReportBuilder.Build(new ReportOptions([_demo.DbPath], by, metric, compare), StoreReader.Read);

    public static TheoryData<string, string, int, int, int, double> Cells => new()
    {
        // beta, kind, n, broken, unfinished, mean
        { "0.5", "vae", 2, 0, 1, (-92.0 - 92.3) / 2 },
        { "0.5", "iwae", 2, 0, 1, (-90.5 - 90.6) / 2 },
        { "1", "vae", 3, 0, 0, (-93.0 - 92.6 - 93.3) / 3 },
        { "1", "iwae", 2, 1, 0, (-91.5 - 91.0) / 2 },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void Pivot_cells_average_completed_runs_and_count_the_others(string beta, string kind, int n, int broken,
        int unfinished, double mean)
    {
        var pivot = Build(["objective.beta", "objective.kind"]).Pivot!;

        Assert.Equal(["objective.beta"], pivot.RowAxes);
        Assert.Equal("objective.kind", pivot.ColumnAxis);
        Assert.Equal(["0.5", "1"], pivot.RowKeys.Select(k => k[0]));
        Assert.Equal(["vae", "iwae"], pivot.ColumnKeys);
        Assert.Equal(["seed"], pivot.PooledAxes);
        var cell = pivot.Cells[pivot.RowKeys.ToList().FindIndex(k => k[0] == beta)][pivot.ColumnKeys.ToList().IndexOf(kind)]!;
        Assert.Equal(n, cell.Value!.N);
        Assert.Equal(broken, cell.Broken);
        Assert.Equal(unfinished, cell.Unfinished);
        Assert.Equal(mean, cell.Value.Mean, 9);
    }

    [Fact]
    public void Numeric_axes_sort_numerically_and_a_single_axis_has_no_columns()
    {
        var pivot = Build(["seed"]).Pivot!;
        Assert.Null(pivot.ColumnAxis);
        Assert.Equal(["0", "1", "2"], pivot.RowKeys.Select(k => k[0]));
        Assert.Equal(["objective.kind", "objective.beta"], pivot.PooledAxes);
    }

    [Theory]
    [InlineData("log-likelihood", -90.5)]
    [InlineData("kl", 24.0)]
    [InlineData("recon", -59.6)] // E_q[log p(x|z)]: the highest is the best reconstruction
    public void Best_is_the_first_completed_run_in_the_metric_direction(string metric, double best)
    {
        var model = Build([], metric);
        var chosen = Assert.Single(model.Rows, r => r.IsBest);
        Assert.Same(model.Rows[0], chosen);
        Assert.Equal(best, model.Metric.Value(chosen)!.Value, 9);
        Assert.All(model.Rows.Where(r => r.Run.State != RunState.Completed), r => Assert.False(r.IsBest));
        Assert.Equal(RunState.Diverged, model.Rows[^1].Run.State);
    }

    [Fact]
    public void Comparisons_pair_iwae_and_vae_by_seed_at_equal_settings()
    {
        var comparisons = Build([], compare: true).Comparisons!;

        Assert.Equal(2, comparisons.Count);
        var atOne = Assert.Single(comparisons, c => c.Setting.Single().Value == "1");
        // Seeds 0 and 1 pair (seed 2's IWAE run diverged): differences 1.5 and 1.6.
        Assert.Equal(2, atOne.Pairs);
        Assert.Equal(2, atOne.Unpaired);
        Assert.Equal(1.55, atOne.Difference.Mean, 9);
        Assert.Equal(12.706204736174698 * 0.05, atOne.Difference.HalfWidth!.Value, 9);
        Assert.Equal("objective.beta", atOne.Setting.Single().Key);
    }

    [Fact]
    public void A_single_pair_combines_the_two_standard_errors()
    {
        var model = Build([], compare: true);
        var iwae = model.Rows.First(r => r.Run.State == RunState.Completed && r.Config.Objective.Kind == Core.Config.ObjectiveKind.Iwae && r.Config.Seed == 1);
        var vae = model.Rows.First(r => r.ComparisonKey == iwae.ComparisonKey && r.Config.Objective.Kind == Core.Config.ObjectiveKind.Vae && r.Config.Seed == 1);

        // Without per-point values (as a run evaluated before schema 2 has none) the pair cannot be paired point by point.
        vae = vae with { Run = vae.Run with { Points = null } };

        var (difference, method) = PairedDifference.Of([(iwae, vae)], ReportMetric.LogLikelihood);

        Assert.Equal("1.96 x combined SE; unpaired: no per-point values on shared points", method);
        Assert.Equal(1.6, difference.Mean, 9);
        Assert.Equal(1.959963984540054 * Math.Sqrt(2 * 0.13 * 0.13), difference.HalfWidth!.Value, 9);
        var (noSe, how) = PairedDifference.Of([(iwae, vae)], ReportMetric.Parse("kl"));
        Assert.Null(noSe.HalfWidth);
        Assert.Equal("one pair, no interval", how);
    }

    [Fact]
    public void Several_stores_list_rows_from_each_with_a_source()
    {
        using var other = new DemoStore("second");
        var model = ReportBuilder.Build(new ReportOptions([_demo.DbPath, other.DbPath], []), StoreReader.Read);
        Assert.True(model.ShowSource);
        Assert.Equal(24, model.Rows.Count);
        Assert.Equal(["demo/demo", "second/demo"], model.Rows.Select(r => r.Source).Distinct().Order());
        Assert.Equal(2, model.Sources.Count);
    }

    public void Dispose() => _demo.Dispose();
}
