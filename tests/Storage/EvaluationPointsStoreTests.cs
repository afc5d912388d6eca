using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Config;

namespace VaeSweep.Tests.StoreTests;

/// <summary>Per-point log-likelihoods: written with the evaluation, read back bit for bit, absent in old stores.</summary>
public sealed class EvaluationPointsStoreTests
{
    private static readonly double[] Values =
        [-88.25, double.NaN, double.NegativeInfinity, double.Epsilon, 0.1 + 0.2, -1e300];

    [Fact]
    public void Per_point_values_read_back_bit_for_bit_as_little_endian_float64()
    {
        using var temp = new TempStore();
        var run = temp.ClaimedRun();
        temp.Store.MarkEvaluating(run, "owner-a", trainSeconds: 1);

        temp.Store.Complete(run, "owner-a", TempStore.Evaluation(), [], new EvaluationPoints("points-a", Values));

        var read = temp.Store.Points(run)!;
        Assert.Equal("points-a", read.Points);
        Assert.Equal(Values.Select(BitConverter.DoubleToInt64Bits), read.LogLikelihoods.Select(BitConverter.DoubleToInt64Bits));
        // -88.25 is 0xC056100000000000: little-endian puts the low byte first.
        Assert.Equal("00000000001056C0", temp.RawScalar(
            $"SELECT hex(substr(log_likelihoods, 1, 8)) FROM evaluation_points WHERE run_key = '{run}'"));
        Assert.Equal((long)Values.Length, temp.RawScalar($"SELECT n FROM evaluation_points WHERE run_key = '{run}'"));
    }

    [Fact]
    public void A_run_completed_without_per_point_values_has_none()
    {
        using var temp = new TempStore();
        var run = temp.ClaimedRun();
        temp.Store.MarkEvaluating(run, "owner-a", trainSeconds: 1);

        temp.Store.Complete(run, "owner-a", TempStore.Evaluation(), []);

        Assert.Null(temp.Store.Points(run));
        Assert.NotNull(temp.Store.Evaluation(run));
    }

    [Fact]
    public void Per_point_values_are_refused_for_a_run_that_is_not_evaluating()
    {
        using var temp = new TempStore();
        var run = temp.ClaimedRun();

        Assert.ThrowsAny<Exception>(() => temp.RawExecute(
            $"INSERT INTO evaluation_points (run_key, points, n, log_likelihoods) VALUES ('{run}', 'p', 0, x'')"));
    }

    [Fact]
    public void A_store_of_schema_version_1_is_migrated_and_keeps_its_evaluations_without_points()
    {
        using var temp = new TempStore();
        var old = temp.ClaimedRun();
        temp.Store.MarkEvaluating(old, "owner-a", trainSeconds: 1);
        temp.Store.Complete(old, "owner-a", TempStore.Evaluation(-90.5), [new BoundRecord(1, -95, 0.2)]);
        // Take the file back to version 1 exactly as that version wrote it (later migrations undone first).
        temp.RawExecute("""
            DROP TABLE rungs;
            ALTER TABLE evaluations DROP COLUMN khat_unreliable_share;
            ALTER TABLE evaluations DROP COLUMN khat_median;
            ALTER TABLE evaluations DROP COLUMN probe_accuracy;
            ALTER TABLE evaluations DROP COLUMN mutual_information;
            ALTER TABLE evaluations DROP COLUMN mutual_information_se;
            ALTER TABLE evaluations DROP COLUMN mutual_information_points;
            ALTER TABLE evaluations DROP COLUMN classifier_accuracy;
            ALTER TABLE epochs DROP COLUMN classifier_accuracy;
            DROP TRIGGER evaluation_points_only_while_evaluating;
            DROP TABLE evaluation_points;
            DELETE FROM schema_migrations WHERE version >= 2;
            ALTER TABLE runs DROP COLUMN pack_width;
            """);
        Assert.Equal(1L, temp.RawScalar("SELECT max(version) FROM schema_migrations"));

        using var reopened = temp.OpenAnother();

        Assert.Equal((long)Store.SchemaVersion, temp.RawScalar("SELECT max(version) FROM schema_migrations"));
        Assert.Null(reopened.Evaluation(old)!.KHat);
        Assert.Null(reopened.Evaluation(old)!.MutualInformation);
        Assert.Equal(-90.5, reopened.Evaluation(old)!.LogLikelihood);
        Assert.Null(reopened.Points(old));
        var sweep = reopened.EnsureSweep("later", "name: later", "{\"name\":\"later\"}");
        reopened.AddRuns(sweep.Id, [new PlannedRun(new RunKey("later-r0"), "{\"run\":\"later-r0\"}", "{}")]);
        var run = reopened.TryClaimRun(sweep.Id, "owner-b", TempStore.Lease)!.RunKey;
        reopened.MarkEvaluating(run, "owner-b", trainSeconds: 1);
        reopened.Complete(run, "owner-b", TempStore.Evaluation(), [], new EvaluationPoints("p", [1.0, 2.0]));
        Assert.Equal([1.0, 2.0], reopened.Points(run)!.LogLikelihoods);
    }
}
