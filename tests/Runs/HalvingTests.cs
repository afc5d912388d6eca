using VaeSweep.Core.Runs;

namespace VaeSweep.Tests.Runs;

/// <summary>The rung decision as a pure function of the recorded values: ranking, the keep share, ties and NaN.</summary>
public sealed class HalvingTests
{
    private static RungRecord Value(string key, long position, double value) => new(2, key, position, 100, value, null);

    private static string Kept(IReadOnlyList<RungRecord> decided) =>
        string.Join(" ", decided.Where(r => r.Decision == RungDecision.Kept).Select(r => r.RunKey));

    [Theory]
    [InlineData(1, 0.5, 1)]
    [InlineData(2, 0.5, 1)]
    [InlineData(3, 0.5, 2)]
    [InlineData(4, 0.5, 2)]
    [InlineData(30, 0.1, 3)]
    [InlineData(9, 1.0 / 3, 3)]
    [InlineData(5, 0.01, 1)]
    [InlineData(0, 0.5, 0)]
    public void A_rung_keeps_the_share_rounded_up_and_at_least_one(int competing, double keep, int kept) =>
        Assert.Equal(kept, Halving.KeptCount(competing, keep));

    [Fact]
    public void The_highest_bounds_are_kept_whatever_order_they_come_in()
    {
        RungRecord[] values = [Value("a", 0, -100), Value("b", 1, -90), Value("c", 2, -120), Value("d", 3, -95)];

        var decided = Halving.Decide(values, 2);

        Assert.Equal(["b", "d", "a", "c"], decided.Select(r => r.RunKey));
        Assert.Equal("b d", Kept(decided));
        Assert.Equal(decided, Halving.Decide(values.Reverse().ToList(), 2));
    }

    [Fact]
    public void A_tie_goes_to_the_earlier_position_in_the_sweep()
    {
        RungRecord[] values = [Value("late", 5, -90), Value("early", 1, -90), Value("worse", 0, -91)];

        Assert.Equal("early", Kept(Halving.Decide(values, 1)));
    }

    [Fact]
    public void A_bound_that_is_not_a_number_ranks_last()
    {
        RungRecord[] values = [Value("nan", 0, double.NaN), Value("low", 1, -500), Value("high", 2, -90)];

        var decided = Halving.Decide(values, 2);

        Assert.Equal(["high", "low", "nan"], decided.Select(r => r.RunKey));
        Assert.Equal(RungDecision.Stopped, decided[^1].Decision);
    }

    [Fact]
    public void The_recorded_sentence_names_the_rank_and_how_many_were_kept()
    {
        var decided = Halving.Decide([Value("a", 0, -100), Value("b", 1, -90)], 1);

        var messages = Halving.Messages("grid", decided).Select(m => m.Message).ToList();

        Assert.Equal("kept by successive halving of sweep 'grid' at epoch 2: validation bound (k = 100) -90.00 ranked 1 of 2, 1 kept", messages[0]);
        Assert.StartsWith("stopped by successive halving", messages[1]);
    }

    [Fact]
    public void The_summary_line_says_what_each_rung_kept_and_which_rung_waits()
    {
        var first = Halving.Decide([Value("a", 0, -100), Value("b", 1, -90), Value("c", 2, -95)], 2)
            .Select(r => r with { Rung = 1 });
        var waiting = Value("b", 1, -80);

        Assert.Equal("halving: epoch 1 kept 2 of 3; epoch 2 waits (1 run(s) there)", Halving.Summary([.. first, waiting]));
        Assert.Null(Halving.Summary([]));
    }
}
