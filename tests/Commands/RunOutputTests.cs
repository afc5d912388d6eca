using System.Text.RegularExpressions;
using VaeSweep.Core.Storage;
using VaeSweep.Tests.Config;
using VaeSweep.Tests.Data;

namespace VaeSweep.Tests.Commands;

/// <summary>
/// `vaesweep run` off a terminal (its output is a file here): one line per event of the smoke sweep, in each run's
/// order, and no line that only says time passed; the last line is the command that shows the results.
/// </summary>
public sealed partial class RunOutputTests
{
    [FactWhen("mnist-sample")]
    public void Off_a_terminal_the_smoke_sweep_prints_one_line_per_event_and_ends_with_the_report_command()
    {
        using var folder = new TempFolder();
        var store = folder.File("smoke.db");

        var (code, output, error) = CliRunner.Run("run", Path.Combine(RepoPaths.Root, "configs", "smoke.yaml"),
            "--store", store, "--in-process");

        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        var lines = output.TrimEnd('\n').Split('\n');
        // Two lines before the work (the sweep, where it trains), five events for each of the four runs (claimed,
        // two epochs, evaluating, completed), the counts and the command: 24 in all, however long it took.
        Assert.Equal($"sweep 'smoke': 4 runs (0 completed), store {store}", lines[0]);
        Assert.Equal("training in this process on cpu, packs of up to 8 runs", lines[1]);
        Assert.Equal("completed 4, failed 0, diverged 0, not finished 0", lines[^2]);
        Assert.Equal($"results: vaesweep report {store}", lines[^1]);
        var events = lines[2..^2];
        Assert.All(events, line => Assert.Matches(EventLine(), line));
        var byRun = events.GroupBy(line => EventLine().Match(line).Groups["run"].Value).ToList();
        Assert.Equal(4, byRun.Count);
        foreach (var run in byRun)
            Assert.Equal(["claimed, 2 epochs", "epoch 1/2", "epoch 2/2", "evaluating (k = 100)", "completed"],
                run.Select(line => EventLine().Match(line).Groups["what"].Value));
        Assert.Equal(24, lines.Length);
        // The VAE and IWAE runs of each latent size (k = 1 both) train as a pack of two.
        Assert.All(events.Where(l => l.Contains("claimed")), line => Assert.EndsWith("claimed, 2 epochs, in a pack of 2", line));

        // Every evaluation is stored with its k-hat summary and its linear-probe accuracy (10 digit classes).
        using var opened = Store.OpenReadOnly(store);
        Assert.All(opened.Runs(opened.Sweeps().Single().Id), r =>
        {
            var evaluation = opened.Evaluation(r.RunKey)!;
            Assert.NotNull(evaluation.KHat);
            Assert.InRange(evaluation.ProbeAccuracy!.Value, 0.15, 1.0);
        });
        Assert.All(events.Where(line => line.Contains(": completed")), line => Assert.Contains(", k-hat > 0.7 on ", line));
    }

    // "run KEY (AXES): WHAT[: or , details]"; WHAT is the event without its numbers.
    [GeneratedRegex(@"^run (?<run>[0-9a-f]{16}) \(model\.latent=\d, objective\.kind=(vae|iwae)\): " +
                    @"(?<what>claimed, 2 epochs|epoch \d/2|evaluating \(k = 100\)|completed)(:|,|$)")]
    private static partial Regex EventLine();
}
