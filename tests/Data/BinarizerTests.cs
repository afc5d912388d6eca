using VaeSweep.Core.Config;
using VaeSweep.Core.Data;

namespace VaeSweep.Tests.Data;

public sealed class BinarizerTests
{
    // Three examples of 784 pixels: constant grey levels 0.3, 0.7 and a ramp from 0 to 1.
    private static DataSplit Greys(string name = "train")
    {
        var pixels = new float[3 * 784];
        for (int p = 0; p < 784; p++)
        {
            pixels[p] = 0.3f;
            pixels[784 + p] = 0.7f;
            pixels[2 * 784 + p] = p / 783f;
        }
        return new DataSplit(name, pixels, [0, 1, 2], 784);
    }

    private static float[] Batch(Binarizer binarizer, DataSplit split, int epoch, params int[] indices)
    {
        var dest = new float[indices.Length * split.Dim];
        binarizer.FillBatch(split, indices, epoch, dest);
        return dest;
    }

    [Theory]
    [InlineData(Binarization.Dynamic, true)]
    [InlineData(Binarization.Fixed, false)]
    public void Same_seed_and_epoch_give_the_same_pixels_and_only_dynamic_changes_per_epoch(Binarization mode, bool changes)
    {
        var binarizer = new Binarizer(mode, 0.5, seed: 11, alreadyBinary: false);
        var split = Greys();

        float[] epoch0 = Batch(binarizer, split, 0, 0, 1, 2);

        Assert.Equal(epoch0, Batch(binarizer, split, 0, 0, 1, 2));
        Assert.Equal(changes, !epoch0.SequenceEqual(Batch(binarizer, split, 1, 0, 1, 2)));
        Assert.All(epoch0, v => Assert.True(v is 0f or 1f));
        Assert.False(epoch0.SequenceEqual(Batch(new Binarizer(mode, 0.5, seed: 12, alreadyBinary: false), split, 0, 0, 1, 2)));
    }

    [Theory]
    [InlineData(Binarization.Dynamic, Binarization.Fixed)]
    [InlineData(Binarization.Fixed, Binarization.Fixed)]
    [InlineData(Binarization.Threshold, Binarization.Threshold)]
    [InlineData(Binarization.None, Binarization.None)]
    public void Held_out_data_is_binarised_the_same_way_every_epoch(Binarization configured, Binarization used)
    {
        var binarizer = Binarizer.HeldOut(new DataConfig { Binarize = configured }, seed: 11, alreadyBinary: false);
        var split = Greys("test");

        Assert.Equal(used, binarizer.Mode);
        Assert.Equal(Batch(binarizer, split, 0, 0, 1, 2), Batch(binarizer, split, 7, 0, 1, 2));
    }

    [Theory]
    [InlineData(Binarization.Dynamic)]
    [InlineData(Binarization.Fixed)]
    public void An_example_gets_the_same_noise_in_any_batch_position(Binarization mode)
    {
        var binarizer = new Binarizer(mode, 0.5, seed: 5, alreadyBinary: false);
        var split = Greys();

        float[] alone = Batch(binarizer, split, 4, 1);
        float[] inBatch = Batch(binarizer, split, 4, 2, 0, 1);

        Assert.Equal(alone, inBatch[(2 * 784)..]);
    }

    [Fact]
    public void Splits_get_different_noise_for_the_same_example_index()
    {
        var binarizer = new Binarizer(Binarization.Fixed, 0.5, seed: 5, alreadyBinary: false);

        Assert.NotEqual(Batch(binarizer, Greys("train"), 0, 0), Batch(binarizer, Greys("test"), 0, 0));
    }

    [Theory]
    [InlineData(0, 0.3)]
    [InlineData(1, 0.7)]
    public void Dynamic_draws_average_to_the_grey_level(int example, double grey)
    {
        var binarizer = new Binarizer(Binarization.Dynamic, 0.5, seed: 2, alreadyBinary: false);
        var split = Greys();
        double sum = 0;
        const int epochs = 200;
        for (int epoch = 0; epoch < epochs; epoch++)
            sum += Batch(binarizer, split, epoch, example).Sum();

        // 156,800 Bernoulli draws: the standard error of the mean is about 0.0012.
        Assert.Equal(grey, sum / (784.0 * epochs), 0.006);
    }

    [Fact]
    public void Dynamic_draws_follow_each_pixels_own_grey_level()
    {
        var binarizer = new Binarizer(Binarization.Dynamic, 0.5, seed: 2, alreadyBinary: false);
        var ones = new double[784];
        for (int epoch = 0; epoch < 400; epoch++)
        {
            float[] row = Batch(binarizer, Greys(), epoch, 2);
            for (int p = 0; p < 784; p++) ones[p] += row[p];
        }

        Assert.Equal(0, ones[0]);      // grey level 0 never fires
        Assert.Equal(400, ones[783]);  // grey level 1 always fires
        Assert.InRange(ones[..100].Sum() / 40_000, 0.03, 0.1);    // ramp mean over 0..99 is 0.063
        Assert.InRange(ones[684..].Sum() / 40_000, 0.90, 0.97);  // ramp mean over 684..783 is 0.937
    }

    [Theory]
    [InlineData(Binarization.Threshold, 0.5, 0, 0f)]
    [InlineData(Binarization.Threshold, 0.5, 1, 1f)]
    [InlineData(Binarization.Threshold, 0.2, 0, 1f)]
    [InlineData(Binarization.None, 0.5, 0, 0.3f)]
    [InlineData(Binarization.None, 0.5, 1, 0.7f)]
    public void Threshold_and_none_are_deterministic_per_pixel(Binarization mode, double threshold, int example, float expected)
    {
        var binarizer = new Binarizer(mode, threshold, seed: 0, alreadyBinary: false);

        Assert.All(Batch(binarizer, Greys(), 3, example), v => Assert.Equal(expected, v));
    }

    [Theory]
    [InlineData(Binarization.Dynamic)]
    [InlineData(Binarization.Fixed)]
    [InlineData(Binarization.Threshold)]
    public void Already_binary_data_passes_through(Binarization mode)
    {
        var binarizer = Binarizer.For(new DataConfig { Binarize = mode, Threshold = 0.9 }, seed: 1, alreadyBinary: true);
        var split = new DataSplit("train", Enumerable.Range(0, 784).Select(p => (float)(p % 2)).ToArray(), [DataSplit.UnknownLabel], 784);

        Assert.Equal(Binarization.None, binarizer.Mode);
        Assert.Equal(split.Pixels, Batch(binarizer, split, 0, 0));
    }

    [Fact]
    public void A_batch_that_does_not_fit_the_destination_is_refused()
    {
        var binarizer = new Binarizer(Binarization.None, 0.5, 0, false);

        Assert.Throws<ArgumentException>(() => binarizer.FillBatch(Greys(), [0, 1], 0, new float[784]));
    }
}
