using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;

namespace VaeSweep.Tests.StoreTests;

public sealed class MetricRoundTripTests
{
    // -0.0 is left out on purpose: SQLite stores an integral REAL compactly as an integer and reads it back
    // as +0.0, which no metric cares about.
    public static TheoryData<string, double> Values => new()
    {
        { "nan", double.NaN },
        { "positive-infinity", double.PositiveInfinity },
        { "negative-infinity", double.NegativeInfinity },
        { "zero", 0.0 },
        { "tiny-subnormal", double.Epsilon },
        { "largest", double.MaxValue },
        { "not-representable-in-decimal", 0.1 + 0.2 },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Epoch_metrics_read_back_bit_for_bit(string name, double value)
    {
        using var temp = new TempStore();
        var run = temp.ClaimedRun();
        var written = TempStore.Epoch(0) with { TrainLoss = value, TrainKl = value, ValidElbo = value };

        temp.Store.RecordEpoch(run, "owner-a", written);
        var read = Assert.Single(temp.Store.Epochs(run));

        Assert.True(BitIdentical(value, read.TrainLoss), $"{name}: train_loss read back as {read.TrainLoss}");
        Assert.True(BitIdentical(value, read.TrainKl!.Value), $"{name}: train_kl read back as {read.TrainKl}");
        Assert.True(BitIdentical(value, read.ValidElbo!.Value), $"{name}: valid_elbo read back as {read.ValidElbo}");
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Evaluation_and_bounds_read_back_bit_for_bit(string name, double value)
    {
        using var temp = new TempStore();
        var run = temp.ClaimedRun();
        temp.Store.MarkEvaluating(run, "owner-a", trainSeconds: value);

        temp.Store.Complete(run, "owner-a", TempStore.Evaluation(value), [new BoundRecord(1, value, value)]);

        var evaluation = temp.Store.Evaluation(run)!;
        var bound = Assert.Single(temp.Store.Bounds(run));
        var row = Assert.Single(temp.Store.Runs(temp.Store.Sweeps().Single().Id));
        Assert.True(BitIdentical(value, evaluation.LogLikelihood), $"{name}: {evaluation.LogLikelihood}");
        Assert.True(BitIdentical(value, bound.Value) && BitIdentical(value, bound.Se), $"{name}: {bound}");
        Assert.True(BitIdentical(value, row.LogLikelihood!.Value), $"{name}: run row {row.LogLikelihood}");
        Assert.True(BitIdentical(value, row.TrainSeconds!.Value), $"{name}: train seconds {row.TrainSeconds}");
    }

    [Fact]
    public void Nan_is_stored_as_text_not_null_and_unmeasured_stays_null()
    {
        using var temp = new TempStore();
        var run = temp.ClaimedRun();

        temp.Store.RecordEpoch(run, "owner-a", TempStore.Epoch(0, loss: double.NaN) with { TrainElbo = null });

        Assert.Equal("NaN", temp.RawScalar("SELECT train_loss FROM epochs"));
        Assert.Equal(DBNull.Value, temp.RawScalar("SELECT train_elbo FROM epochs"));
        Assert.Null(Assert.Single(temp.Store.Epochs(run)).TrainElbo);
    }

    private static bool BitIdentical(double expected, double actual) =>
        BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual)
        || (double.IsNaN(expected) && double.IsNaN(actual));
}
