using Spectre.Console.Testing;
using VaeSweep.Cli.Views;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Config;

namespace VaeSweep.Tests.Views;

/// <summary>`vaesweep status` on a terminal: a table within the terminal's width whose long reasons wrap rather than
/// run off the edge; and the plain form off a terminal, the columns scripts read.</summary>
public sealed class StatusTableTests
{
    private static readonly StatusRow[] Rows =
    [
        new("f31dac59074dfb07", "completed", "10", "-137.05", "objective.beta=0.5"),
        new("3dc174844656128b", "failed", "3", "",
            "worker process died (exit code 137, killed: out of memory or kill -9); see runs/beta/logs/w0-4242.log"),
        new("9db723e5c8ae6931", "running", "4", "", "objective.beta=2 [held by host:4243:w1]"),
    ];

    private static readonly Dictionary<RunState, int> Counts = new()
    {
        [RunState.Pending] = 4, [RunState.Running] = 1, [RunState.Evaluating] = 0,
        [RunState.Completed] = 1, [RunState.Failed] = 1, [RunState.Diverged] = 0,
    };

    [Theory]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(140)]
    public void The_table_fits_the_width_and_keeps_every_reason(int width)
    {
        var console = new TestConsole().Width(width);
        StatusTable.Write(console, "beta", Counts, Rows);

        Assert.All(console.Lines, line => Assert.True(line.TrimEnd().Length <= width, $"{line.TrimEnd().Length} > {width}: '{line}'"));
        var text = string.Join(" ", console.Lines.Select(l => l.Trim()));
        foreach (var word in new[] { "f31dac59074dfb07", "3dc174844656128b", "-137.05", "w0-4242.log", "host:4243:w1" })
            Assert.Contains(word, text);
    }

    [Fact]
    public void Off_a_terminal_status_is_fixed_columns()
    {
        var output = new StringWriter();
        StatusText.Write(output, "beta", Counts, Rows);

        Assert.Equal(
        [
            "sweep 'beta': 4 pending, 1 running, 0 evaluating, 1 completed, 1 failed, 0 diverged",
            "  run              state      epochs   log p(x)  axes / reason",
            "  f31dac59074dfb07 completed      10    -137.05  objective.beta=0.5",
            "  3dc174844656128b failed          3             worker process died (exit code 137, killed: out of memory or kill -9); see runs/beta/logs/w0-4242.log",
            "  9db723e5c8ae6931 running         4             objective.beta=2 [held by host:4243:w1]",
        ], output.ToString().TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_run_training_in_a_pack_shows_its_pack_beside_its_holder()
    {
        var now = DateTimeOffset.UtcNow;
        var running = new Core.Storage.RunRow(new RunKey("9db723e5c8ae6931"), 1, 3, "{}", "{\"objective.beta\":2}", RunState.Running, 1,
            "host:4243:w1", now, now, null, now, now, null, null, 3, null, PackWidth: 6);

        Assert.Equal("objective.beta=2 [held by host:4243:w1 in a pack of 6]", StatusRow.From(running).Detail);
        Assert.Equal("objective.beta=2 [held by host:4243:w1]", StatusRow.From(running with { PackWidth = 1 }).Detail);
        Assert.Equal("objective.beta=2", StatusRow.From(running with { State = RunState.Pending, LeaseOwner = null }).Detail);
    }
}
