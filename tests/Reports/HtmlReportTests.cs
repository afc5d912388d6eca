using System.Diagnostics;
using System.Text.RegularExpressions;

namespace VaeSweep.Tests.Reports;

/// <summary>The HTML report loaded in a real browser: the charts and pictures must be in the rendered DOM.</summary>
public sealed class HtmlReportTests
{
    [ChromiumFact]
    public void Html_report_renders_its_charts_and_pictures_in_chromium()
    {
        using var demo = new DemoStore(pictures: true);
        var html = Path.Combine(demo.Folder, "out", "report.html");
        var (code, _, error) = CliRun.Report("--format", "html", "--by", "objective.beta,objective.kind", "--compare",
            "--out", html, demo.DbPath);
        Assert.True(code == 0, error);

        var dom = Chromium(demo.Folder, "--dump-dom", $"file://{html}");

        // 11 runs with epochs x 3 learning curves, 2 metric-against-axis charts, 1 bound-against-k chart, 1 rate-distortion.
        Assert.Equal(37, Regex.Matches(dom, "<svg class=\"chart\"").Count);
        Assert.True(Regex.Matches(dom, "<polyline class=\"series\"").Count > 40, "lines drawn");
        Assert.Contains("k=5", dom); // the k-schedule change is marked
        Assert.Contains("non-finite values not drawn", dom); // the diverged run's NaN epoch
        Assert.Matches("<img alt=\"prior-samples\" src=\"data:image/png;base64,iVBORw0KGgo", dom);
        Assert.Matches("<img alt=\"latent-embedding\" src=\"data:image/svg\\+xml;base64,", dom);
        Assert.Contains("reconstructions: file not found", dom);
        Assert.DoesNotContain("<script", dom);
        Assert.DoesNotContain("http://", dom.Replace("http://www.w3.org/2000/svg", ""));

        var screenshot = Path.Combine(demo.Folder, "report.png");
        Chromium(demo.Folder, $"--screenshot={screenshot}", "--window-size=1400,2000", $"file://{html}");
        Assert.True(new FileInfo(screenshot).Length > 10_000, "a screenshot with content");
        if (Environment.GetEnvironmentVariable("VAESWEEP_REPORT_SCREENSHOT") is { Length: > 0 } keep)
            File.Copy(screenshot, keep, overwrite: true);
    }

    private static string Chromium(string folder, params string[] args)
    {
        var profile = Directory.CreateTempSubdirectory("vaesweep-chromium-").FullName;
        var start = new ProcessStartInfo(ChromiumFactAttribute.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            $"--user-data-dir={profile}", .. args]) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(120_000), "chromium finished within two minutes");
            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {stderr.Result}");
            return output;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
