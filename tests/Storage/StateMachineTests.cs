using Microsoft.Data.Sqlite;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Config;

namespace VaeSweep.Tests.StoreTests;

public sealed class StateMachineTests
{
    public static TheoryData<RunState, string> TerminalWrites()
    {
        var data = new TheoryData<RunState, string>();
        foreach (var state in new[] { RunState.Completed, RunState.Failed, RunState.Diverged })
        {
            foreach (var write in new[] { "record-epoch", "record-checkpoint", "truncate-epochs", "mark-evaluating",
                         "complete", "fail", "release" })
            {
                data.Add(state, write);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(TerminalWrites))]
    public void Terminal_runs_are_immutable(RunState terminal, string write)
    {
        using var temp = new TempStore();
        var (sweepId, run) = Terminal(temp, terminal);
        var before = temp.Store.Runs(sweepId).Single();

        var error = Assert.Throws<LeaseLostException>(() => LeaseLostTests.Act(temp.Store, run, "a", write));

        Assert.Contains("immutable", error.Message);
        Assert.False(temp.Store.Heartbeat(run, "a", TempStore.Lease));
        Assert.Null(temp.Store.TryClaimRun(sweepId, "b", TempStore.Lease));
        Assert.Equal(before, temp.Store.Runs(sweepId).Single());
        Assert.Single(temp.Store.Epochs(run));
        Assert.Empty(temp.Store.CheckInvariants());
    }

    public static TheoryData<string, string> IllegalRawWrites => new()
    {
        { "completed-back-to-running", "UPDATE runs SET state = 'running', lease_owner = 'x', lease_expires_utc = 'x'" },
        { "completed-to-failed", "UPDATE runs SET state = 'failed', reason = 'x'" },
        { "completed-back-to-pending", "UPDATE runs SET state = 'pending'" },
        { "epoch-on-completed-run",
            "INSERT INTO epochs SELECT run_key, 1, k, beta, lr, train_loss, train_elbo, train_recon, train_kl, " +
            "valid_elbo, active_units, seconds, samples_per_s, classifier_accuracy FROM epochs" },
    };

    [Theory]
    [MemberData(nameof(IllegalRawWrites))]
    public void The_schema_itself_refuses_to_change_a_completed_run(string name, string sql)
    {
        using var temp = new TempStore();
        Terminal(temp, RunState.Completed);

        var error = Assert.Throws<SqliteException>(() => temp.RawExecute(sql));

        Assert.True(error.Message.Contains("state transition") || error.Message.Contains("running run"), name);
    }

    [Fact]
    public void A_duplicate_epoch_is_refused_and_the_first_one_kept()
    {
        using var temp = new TempStore();
        var run = temp.ClaimedRun();
        temp.Store.RecordEpoch(run, "owner-a", TempStore.Epoch(0, loss: 1));

        var error = Assert.Throws<InvalidOperationException>(() =>
            temp.Store.RecordEpoch(run, "owner-a", TempStore.Epoch(0, loss: 2)));

        Assert.Contains("already recorded", error.Message);
        Assert.Equal(1, Assert.Single(temp.Store.Epochs(run)).TrainLoss);
    }

    [Fact]
    public void Complete_records_evaluation_bounds_and_state_together()
    {
        using var temp = new TempStore();
        var run = temp.ClaimedRun();
        temp.Store.MarkEvaluating(run, "owner-a", 10);
        BoundRecord[] bounds = [new(1, -95, 0.2), new(50, -89, 0.1)];

        temp.Store.Complete(run, "owner-a", TempStore.Evaluation(), bounds);

        var row = temp.Store.Runs(temp.Store.Sweeps().Single().Id).Single();
        Assert.Equal((RunState.Completed, (string?)null), (row.State, row.LeaseOwner));
        Assert.NotNull(row.FinishedUtc);
        Assert.Equal(TempStore.Evaluation(), temp.Store.Evaluation(run));
        Assert.Equal(bounds, temp.Store.Bounds(run));
    }

    [Fact]
    public void A_failing_Complete_records_nothing_and_leaves_the_run_evaluating()
    {
        using var temp = new TempStore();
        var run = temp.ClaimedRun();
        temp.Store.MarkEvaluating(run, "owner-a", 10);

        // Two bounds for the same k violate the primary key after the evaluation row is already inserted.
        Assert.ThrowsAny<SqliteException>(() => temp.Store.Complete(run, "owner-a", TempStore.Evaluation(),
            [new BoundRecord(1, -95, 0.2), new BoundRecord(1, -94, 0.2)]));

        Assert.Null(temp.Store.Evaluation(run));
        Assert.Empty(temp.Store.Bounds(run));
        Assert.Equal(RunState.Evaluating, temp.Store.Runs(temp.Store.Sweeps().Single().Id).Single().State);
        temp.Store.Complete(run, "owner-a", TempStore.Evaluation(), [new BoundRecord(1, -95, 0.2)]);
        Assert.Single(temp.Store.Bounds(run));
    }

    public static TheoryData<string, RunState> OutOfOrderSteps => new()
    {
        { "epoch-while-evaluating", RunState.Evaluating },
        { "complete-while-running", RunState.Running },
        { "mark-evaluating-twice", RunState.Evaluating },
    };

    [Theory]
    [MemberData(nameof(OutOfOrderSteps))]
    public void A_step_out_of_order_by_the_owner_is_a_bug(string step, RunState state)
    {
        using var temp = new TempStore();
        var run = temp.ClaimedRun();
        if (state == RunState.Evaluating)
        {
            temp.Store.MarkEvaluating(run, "owner-a", 1);
        }

        Assert.Throws<InvalidOperationException>(() => LeaseLostTests.Act(temp.Store, run, "owner-a", step switch
        {
            "epoch-while-evaluating" => "record-epoch",
            "complete-while-running" => "complete",
            _ => "mark-evaluating",
        }));
        Assert.Equal(state, temp.Store.Runs(temp.Store.Sweeps().Single().Id).Single().State);
    }

    [Fact]
    public void Fail_accepts_only_failed_or_diverged()
    {
        using var temp = new TempStore();
        var run = temp.ClaimedRun();

        Assert.Throws<ArgumentException>(() => temp.Store.Fail(run, "owner-a", RunState.Completed, "x"));
        Assert.Equal(RunState.Running, temp.Store.Runs(temp.Store.Sweeps().Single().Id).Single().State);
    }

    [Fact]
    public void ResetFailed_returns_failed_and_diverged_runs_to_pending_only()
    {
        using var temp = new TempStore();
        var (sweepId, keys) = temp.Sweep(3);
        var states = new[] { RunState.Completed, RunState.Failed, RunState.Diverged };
        for (var i = 0; i < 3; i++)
        {
            var claim = temp.Store.TryClaimRun(sweepId, "a", TempStore.Lease)!;
            Finish(temp.Store, claim.RunKey, states[i]);
        }

        var reset = temp.Store.ResetFailed(sweepId);

        Assert.Equal(2, reset);
        Assert.Equal(new[] { RunState.Completed, RunState.Pending, RunState.Pending },
            temp.Store.Runs(sweepId).Select(r => r.State));
        Assert.All(temp.Store.Runs(sweepId).Skip(1), r => Assert.Null(r.Reason));
        Assert.Equal(2, temp.Store.Events().Count(e => e.Kind == "reset"));
        Assert.Equal((keys[1], 2), temp.Store.TryClaimRun(sweepId, "b", TempStore.Lease) is { } c
            ? (c.RunKey, c.Attempts) : default);
    }

    [Fact]
    public void Counts_cover_every_state()
    {
        using var temp = new TempStore();
        var (sweepId, _) = temp.Sweep(4);
        var claim = temp.Store.TryClaimRun(sweepId, "a", TempStore.Lease)!;
        temp.Store.Fail(claim.RunKey, "a", RunState.Diverged, "loss is NaN at epoch 3");
        temp.Store.TryClaimRun(sweepId, "a", TempStore.Lease);

        var counts = temp.Store.Counts(sweepId);

        Assert.Equal(Enum.GetValues<RunState>().Length, counts.Count);
        Assert.Equal((2, 1, 1, 0), (counts[RunState.Pending], counts[RunState.Running], counts[RunState.Diverged],
            counts[RunState.Completed]));
    }

    // A sweep of one run with one epoch, driven by owner "a" into the given terminal state.
    private static (long SweepId, RunKey Run) Terminal(TempStore temp, RunState state)
    {
        var (sweepId, keys) = temp.Sweep(1);
        temp.Store.TryClaimRun(sweepId, "a", TempStore.Lease);
        temp.Store.RecordEpoch(keys[0], "a", TempStore.Epoch(0));
        Finish(temp.Store, keys[0], state);
        return (sweepId, keys[0]);
    }

    private static void Finish(Store store, RunKey run, RunState state)
    {
        if (state == RunState.Completed)
        {
            store.MarkEvaluating(run, "a", 1);
            store.Complete(run, "a", TempStore.Evaluation(), [new BoundRecord(1, -95, 0.2)]);
        }
        else
        {
            store.Fail(run, "a", state, $"{state} for the test");
        }
    }
}
