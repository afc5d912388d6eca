using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Config;

namespace VaeSweep.Tests.StoreTests;

public sealed class SweepTests
{
    [Fact]
    public void EnsureSweep_returns_the_recorded_config_of_an_existing_sweep()
    {
        using var temp = new TempStore();
        var first = temp.Store.EnsureSweep("beta", "beta: [1, 2]", "{\"beta\":[1,2]}");

        var second = temp.Store.EnsureSweep("beta", "beta: [1, 2, 4]", "{\"beta\":[1,2,4]}");

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal((first.Id, "beta: [1, 2]", "{\"beta\":[1,2]}"), (second.Id, second.ConfigText, second.ConfigJson));
    }

    [Fact]
    public void UpdateSweepConfig_replaces_the_config_and_keeps_the_runs()
    {
        using var temp = new TempStore();
        var (sweepId, keys) = temp.Sweep(2);
        temp.Clock.Advance(TimeSpan.FromHours(1));

        temp.Store.UpdateSweepConfig(sweepId, "extended", "{\"extended\":true}");

        var sweep = temp.Store.Sweeps().Single();
        Assert.Equal(("extended", "{\"extended\":true}"), (sweep.ConfigText, sweep.ConfigJson));
        Assert.Equal(TimeSpan.FromHours(1), sweep.UpdatedUtc - sweep.CreatedUtc);
        Assert.Equal(keys, temp.Store.Runs(sweepId).Select(r => r.RunKey));
    }

    [Fact]
    public void AddRuns_is_idempotent_and_appends_new_runs_in_order()
    {
        using var temp = new TempStore();
        var (sweepId, keys) = temp.Sweep(2);
        PlannedRun[] extended =
        [
            new(keys[1], $"{{\"run\":\"{keys[1]}\"}}", "{}"),
            new(new RunKey("new-run"), "{\"run\":\"new-run\"}", "{\"beta\":\"4\"}"),
            new(keys[0], $"{{\"run\":\"{keys[0]}\"}}", "{}"),
        ];

        var added = temp.Store.AddRuns(sweepId, extended);
        var again = temp.Store.AddRuns(sweepId, extended);

        Assert.Equal((1, 0), (added, again));
        Assert.Equal([keys[0], keys[1], new RunKey("new-run")], temp.Store.Runs(sweepId).Select(r => r.RunKey));
        Assert.Equal("{\"beta\":\"4\"}", temp.Store.Runs(sweepId)[2].AxesJson);
    }

    [Fact]
    public void A_run_planned_by_two_sweeps_is_shared_not_trained_twice()
    {
        using var temp = new TempStore();
        var (first, keys) = temp.Sweep(1, "first");
        var second = temp.Store.EnsureSweep("second", "x", "{}").Id;
        temp.Store.AddRuns(second, [new PlannedRun(keys[0], $"{{\"run\":\"{keys[0]}\"}}", "{\"seed\":\"1\"}")]);

        temp.Store.TryClaimRun(first, "a", TempStore.Lease);

        Assert.Null(temp.Store.TryClaimRun(second, "b", TempStore.Lease));
        Assert.Equal("{\"seed\":\"1\"}", temp.Store.Runs(second).Single().AxesJson);
        Assert.Equal(RunState.Running, temp.Store.Runs(second).Single().State);
    }

    [Fact]
    public void A_run_key_recorded_with_another_config_is_refused()
    {
        using var temp = new TempStore();
        var (sweepId, keys) = temp.Sweep(1);

        var error = Assert.Throws<InvalidOperationException>(() =>
            temp.Store.AddRuns(sweepId, [new PlannedRun(keys[0], "{\"different\":1}", "{}")]));

        Assert.Contains(keys[0].Value, error.Message);
        Assert.Equal($"{{\"run\":\"{keys[0]}\"}}", temp.Store.Runs(sweepId).Single().ConfigJson);
    }
}
