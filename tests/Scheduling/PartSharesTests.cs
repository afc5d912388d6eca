using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;
using VaeSweep.Core.Scheduling;
using VaeSweep.Core.Scheduling.Slurm;
using VaeSweep.Core.Storage;
using VaeSweep.Tests.StoreTests;

namespace VaeSweep.Tests.Scheduling;

/// <summary>How `run --parts` deals the runs still to train into the parts of an array.</summary>
public sealed class PartSharesTests
{
    // Packs as letters: "aaa|bb" is a pack of runs a1 a2 a3 and a pack of b1 b2.
    [Theory]
    [InlineData("aaa|bb", 2, "a1 a2 a3|b1 b2")]
    [InlineData("aaaa", 2, "a1 a2|a3 a4")]
    [InlineData("aaaaa", 3, "a1 a2|a3|a4 a5")]
    [InlineData("aaaaaaaa|bbb", 4, "a1 a2|a3 a4|a5 a6 a7 a8|b1 b2 b3")]
    [InlineData("a|b|c", 3, "a1|b1|c1")]
    public void Whole_packs_go_to_a_part_each_and_the_biggest_part_is_halved_for_more(string packs, int parts, string expected)
    {
        var grouped = packs.Split('|').Select(p => (IReadOnlyList<string>)p.Select((c, i) => $"{c}{i + 1}").ToList()).ToList();

        var shares = PartShares.Split(grouped, parts);

        Assert.Equal(expected, string.Join('|', shares.Select(s => string.Join(' ', s))));
    }

    [Fact]
    public void Fewer_parts_than_packs_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PartShares.Split([["a1"], ["b1"]], 1));
    }

    [Fact]
    public void Only_runs_a_worker_could_claim_now_go_out_in_parts()
    {
        using var temp = new TempStore();
        var plan = Planner.Expand(ConfigLoader.LoadFile(Config.RepoPaths.Combine("configs", "smoke.yaml")));
        var sweep = SweepSync.Apply(temp.Store, plan.Sweep).Sweep.Id;
        // One run completed, one held by a live worker; the other two are still to train.
        var done = temp.Store.TryClaimRun(sweep, "w", TempStore.Lease)!.RunKey;
        temp.Store.MarkEvaluating(done, "w", 1);
        temp.Store.Complete(done, "w", TempStore.Evaluation(), [], null);
        var held = temp.Store.TryClaimRun(sweep, "w", TempStore.Lease)!.RunKey;

        var toTrain = PartsLaunch.ToTrain(temp.Store, plan.Sweep.Name, temp.Clock.GetUtcNow());
        var shares = PartsLaunch.Shares(plan, toTrain, pack: 8, slots: 4);

        var expected = plan.Runs.Select(r => r.Key).Except([done, held]).ToList();
        Assert.Equal(expected.Select(k => k.Value).Order(StringComparer.Ordinal), toTrain.Select(k => k.Value).Order(StringComparer.Ordinal));
        // Two runs, four slots: a part per run, no empty part.
        Assert.Equal(expected.Select(k => new[] { k }), shares);
        // Once the holder's lease has run out, its run goes out too.
        temp.Clock.Advance(TempStore.Lease * 2);
        Assert.Contains(held, PartsLaunch.ToTrain(temp.Store, plan.Sweep.Name, temp.Clock.GetUtcNow()));
    }
}
