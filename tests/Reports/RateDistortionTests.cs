using VaeSweep.Core.Reports;
using VaeSweep.Core.Storage;

namespace VaeSweep.Tests.Reports;

/// <summary>The rate-distortion chart: configurations of the demo sweep as (KL, -recon), joined along beta.</summary>
public sealed class RateDistortionTests : IDisposable
{
    private readonly DemoStore _demo = new();

    [Fact]
    public void Each_objective_is_a_line_along_beta_through_its_configurations_mean_rate_and_distortion()
    {
        var model = ReportBuilder.Build(new ReportOptions([_demo.DbPath], ["objective.beta"]), StoreReader.Read);

        var series = RateDistortionChart.Series(model, ["objective.beta"]);

        Assert.Equal(["objective.kind=iwae", "objective.kind=vae"], series.Select(s => s.Name).Order());
        // VAE, completed seeds: beta 0.5 seeds 0 and 2 (kl 30, 32; recon -63.5, -61.8), beta 1 seeds 0-2
        // (kl 24, 25, 26; recon -70.5, -69.1, -68.8). DemoStore's numbers; distortion is minus recon.
        var vae = series.Single(s => s.Name == "objective.kind=vae").Points;
        Assert.Equal(2, vae.Count);
        Assert.Equal(31.0, vae[0].X, 9);
        Assert.Equal((63.5 + 61.8) / 2, vae[0].Y, 9);
        Assert.Equal(25.0, vae[1].X, 9);
        Assert.Equal((70.5 + 69.1 + 68.8) / 3, vae[1].Y, 9);
    }

    [Fact]
    public void The_html_report_draws_it_and_a_sweep_without_evaluations_has_none()
    {
        var model = ReportBuilder.Build(new ReportOptions([_demo.DbPath], []), StoreReader.Read);
        var html = new StringWriter();
        new HtmlRenderer().Render(model, html);

        Assert.Contains(RateDistortionChart.Title, html.ToString());
        Assert.Null(RateDistortionChart.Render(model with { Rows = model.Rows.Where(r => r.Evaluation is null).ToList() }, []));
    }

    public void Dispose() => _demo.Dispose();
}
