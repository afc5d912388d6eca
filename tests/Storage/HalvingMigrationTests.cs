using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;

namespace VaeSweep.Tests.StoreTests;

/// <summary>Migration 5 rebuilds the runs table (SQLite cannot widen a CHECK): every row, child row, index and
/// trigger must come through it.</summary>
public sealed class HalvingMigrationTests
{
    private const string Tally = """
        SELECT (SELECT count(*) FROM runs) || ' ' || (SELECT count(*) FROM epochs) || ' ' ||
               (SELECT count(*) FROM evaluations) || ' ' || (SELECT count(*) FROM events) || ' ' ||
               (SELECT group_concat(run_key || ':' || state || ':' || attempts || ':' || coalesce(pack_width, '-'), ',')
                FROM (SELECT * FROM runs ORDER BY run_key))
        """;

    [Fact]
    public void A_store_of_schema_version_6_keeps_every_run_and_its_children_and_its_triggers()
    {
        using var temp = new TempStore();
        var (sweepId, keys) = temp.Sweep(3);
        var store = temp.Store;
        store.TryClaimRun(sweepId, "a", TempStore.Lease);
        store.RecordEpoch(keys[0], "a", TempStore.Epoch(0));
        store.MarkEvaluating(keys[0], "a", 1);
        store.Complete(keys[0], "a", TempStore.Evaluation(), [new BoundRecord(1, -95, 0.2)]);
        store.TryClaimRun(sweepId, "a", TempStore.Lease);
        store.Fail(keys[1], "a", RunState.Failed, "broken");
        // Back to version 6: migration 7's table gone and its record undone (the CHECK it widened may stay wide).
        temp.RawExecute("DROP TABLE rungs; DELETE FROM schema_migrations WHERE version = 7;");
        var before = (string)temp.RawScalar(Tally)!;

        using var reopened = temp.OpenAnother();

        Assert.Equal((long)Store.SchemaVersion, temp.RawScalar("SELECT max(version) FROM schema_migrations"));
        Assert.Equal(before, temp.RawScalar(Tally));
        Assert.Equal(0L, temp.RawScalar("SELECT count(*) FROM pragma_foreign_key_check"));
        Assert.Equal("epochs_only_while_running,evaluation_points_only_while_evaluating,evaluations_only_while_evaluating,runs_state_machine",
            temp.RawScalar("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name)"));
        var e = Assert.ThrowsAny<Exception>(() => temp.RawExecute($"UPDATE runs SET state = 'pending' WHERE run_key = '{keys[0]}'"));
        Assert.Contains("illegal run state transition", e.Message);
        Assert.Equal(1, reopened.ResetFailed(sweepId));
        Assert.Equal(2, new[] { reopened.TryClaimRun(sweepId, "b", TempStore.Lease), reopened.TryClaimRun(sweepId, "b", TempStore.Lease) }.Count(c => c is not null));
    }
}
