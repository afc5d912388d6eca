using Spectre.Console.Testing;
using VaeSweep.Cli.Views;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Scheduling;
using VaeSweep.Tests.StoreTests;
using VaeSweep.Core.Config;

namespace VaeSweep.Tests.Views;

/// <summary>The terminal views drawn on Spectre's TestConsole: within the width they are given, with what matters
/// kept as the width shrinks; and the lines that stay above the live block.</summary>
public sealed class SweepViewTests
{
    private const string LongAxes = "model.encoder=[200, 200, 200], model.decoder=[200, 200, 200], objective.kind=iwae, " +
                                    "objective.k=50, objective.beta=0.5, training.lr=0.001";

    private static SweepSnapshot Snapshot() => new(Total: 7, Done: 2, Failed: 1, EpochsDone: 34, TotalEpochs: 70,
        Elapsed: TimeSpan.FromSeconds(62), Remaining: TimeSpan.FromSeconds(110),
        Active:
        [
            new ActiveRun(new RunKey("f31dac59074dfb07"), LongAxes, RunState.Running, 3, 10, TempStore.Epoch(2, loss: 143.25),
                TimeSpan.FromSeconds(17.5)),
            new ActiveRun(new RunKey("3dc174844656128b"), "objective.beta=10", RunState.Evaluating, 10, 10, TempStore.Epoch(9), null),
        ]);

    private static TestConsole Console(int width) => new TestConsole().Width(width);

    [Theory]
    [InlineData(40)]
    [InlineData(52)]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(120)]
    [InlineData(200)]
    public void The_live_block_fits_the_width_and_keeps_run_keys_and_epochs(int width)
    {
        var console = Console(width);
        console.Write(SweepTable.Build(Snapshot(), width));

        Assert.All(console.Lines, line => Assert.True(line.TrimEnd().Length <= width, $"{line.TrimEnd().Length} > {width}: '{line}'"));
        Assert.Contains("f31dac59074dfb07", console.Output);
        Assert.Contains("3/10", console.Output);
        Assert.Contains("evaluating", console.Output);
        Assert.Contains("143.25", console.Output);
    }

    [Fact]
    public void A_wide_block_adds_axes_k_and_time_left_and_a_header_with_counts()
    {
        var console = Console(160);
        console.Write(SweepTable.Build(Snapshot(), 160));

        Assert.StartsWith("runs 2/7 done (1 failed); epochs 34/70; elapsed 1m02s, about 1m50s left", console.Lines[0]);
        Assert.Contains("objective.beta=10", console.Output);
        Assert.Contains("17.5s", console.Output);   // time left, in the one duration format
        Assert.DoesNotContain("objective.beta=10", Render(40));
    }

    [Fact]
    public void Live_view_keeps_completed_failed_and_finished_lines_and_leaves_claims_and_epochs_to_the_block()
    {
        var console = Console(100);
        var view = new LiveSweepView(console);
        view.Handle(new RunClaimed(new RunKey("f31dac59074dfb07"), "objective.beta=1", 0, 10));
        view.Handle(new EpochDone(new RunKey("f31dac59074dfb07"), "objective.beta=1", TempStore.Epoch(0), 10));
        view.Handle(new EvaluationStarted(new RunKey("f31dac59074dfb07"), "objective.beta=1", 5000));
        Assert.Equal("", console.Output);

        view.Handle(new RunCompleted(new RunKey("f31dac59074dfb07"), "objective.beta=1", TempStore.Evaluation(-88.25), 8.6));
        view.Handle(new RunFailed(new RunKey("3dc174844656128b"), "", RunState.Diverged, "loss became NaN at epoch 3, step 40"));
        view.Handle(Finished("runs/beta.db", failures: 1));

        Assert.Equal(
        [
            "run f31dac59074dfb07 (objective.beta=1): completed, log p(x) -88.25 ± 0.10, trained in 8.6s",
            "run 3dc174844656128b: diverged: loss became NaN at epoch 3, step 40",
            "completed 1, failed 0, diverged 1, not finished 0",
            "  3dc174844656128b diverged: loss became NaN at epoch 3, step 40",
            "results: vaesweep report runs/beta.db",
        ], console.Lines.Select(l => l.TrimEnd()).Where(l => l.Length > 0));
    }

    [Theory]
    [InlineData(0.031, ", k-hat > 0.7 on 3.1% of points")]
    [InlineData(0.25, ", k-hat > 0.7 on 25.0% of points (estimate unreliable)")]
    public void A_completed_run_says_how_many_points_have_heavy_tailed_weights_and_flags_too_many(double share, string expected)
    {
        var evaluation = TempStore.Evaluation(-88.25) with { KHat = new KHatSummary(share, 0.5) };

        var line = Assert.Single(EventText.Lines(new RunCompleted(new RunKey("f31dac59074dfb07"), "", evaluation, null)));

        Assert.Equal("run f31dac59074dfb07: completed, log p(x) -88.25 ± 0.10" + expected, line);
    }

    [Fact]
    public void Plain_view_prints_one_line_per_event_and_nothing_for_snapshots()
    {
        var output = new StringWriter();
        var view = new PlainSweepView(output);
        for (var i = 0; i < 50; i++) view.Refresh(Snapshot());
        Assert.Equal("", output.ToString());

        view.Handle(new RunClaimed(new RunKey("f31dac59074dfb07"), "objective.beta=1", 4, 10));
        view.Handle(new RunClaimed(new RunKey("3dc174844656128b"), "objective.beta=2", 0, 10, Pack: 8));
        view.Handle(new EpochDone(new RunKey("f31dac59074dfb07"), "objective.beta=1", TempStore.Epoch(4, loss: double.NaN), 10));
        view.Handle(new RunReleased(new RunKey("f31dac59074dfb07"), "objective.beta=1", "stopped by SIGTERM"));

        Assert.Equal(
        [
            "run f31dac59074dfb07 (objective.beta=1): claimed, resumes at epoch 5/10",
            "run 3dc174844656128b (objective.beta=2): claimed, 10 epochs, in a pack of 8",
            "run f31dac59074dfb07 (objective.beta=1): epoch 5/10: loss NaN, kl 10.50, k 1, 2.5s",
            "run f31dac59074dfb07 (objective.beta=1): given back (stopped by SIGTERM); it resumes from its last checkpoint",
        ], output.ToString().TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("runs/beta.db", "vaesweep report runs/beta.db")]
    [InlineData("/tmp/tmp.Xy12/b.db", "vaesweep report /tmp/tmp.Xy12/b.db")]
    [InlineData("my runs/beta.db", "vaesweep report 'my runs/beta.db'")]
    [InlineData("it's.db", "vaesweep report 'it'\\''s.db'")]
    public void The_results_command_is_one_shell_word_for_the_store(string store, string command) =>
        Assert.Equal(command, ResultsCommand.For(store));

    private static string Render(int width)
    {
        var console = Console(width);
        console.Write(SweepTable.Build(Snapshot(), width));
        return console.Output;
    }

    private static SweepFinished Finished(string store, int failures)
    {
        var counts = Enum.GetValues<RunState>().ToDictionary(s => s, _ => 0);
        counts[RunState.Completed] = 1;
        counts[RunState.Diverged] = failures;
        return new SweepFinished(store, counts,
            [new RunFailed(new RunKey("3dc174844656128b"), "", RunState.Diverged, "loss became NaN at epoch 3, step 40")], false);
    }
}
