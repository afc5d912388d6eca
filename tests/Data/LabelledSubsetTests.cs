using VaeSweep.Core.Data;

namespace VaeSweep.Tests.Data;

/// <summary>M2's labelled examples: deterministic, balanced over the classes where possible, nested as N grows.</summary>
public sealed class LabelledSubsetTests
{
    private static readonly byte[] Digits = Enumerable.Range(0, 10).Select(c => (byte)c).ToArray();

    // 910 examples; class c has 10 + 18 c of them (class 0: 10, class 9: 172), in a scrambled order.
    private static DataSplit Uneven()
    {
        var labels = Enumerable.Range(0, 10).SelectMany(c => Enumerable.Repeat((byte)c, 10 + 18 * c)).ToArray();
        var scrambled = labels.Select((l, i) => (l, key: (i * 7919) % labels.Length)).OrderBy(p => p.key).Select(p => p.l).ToArray();
        return new DataSplit("train", new float[scrambled.Length], scrambled, 1);
    }

    [Fact]
    public void The_same_split_and_count_give_the_same_examples()
    {
        Assert.Equal(LabelledSubset.Indices(Uneven(), Digits, 100), LabelledSubset.Indices(Uneven(), Digits, 100));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(95)]
    public void Each_class_gets_an_equal_share_up_to_one(int count)
    {
        var split = Uneven();
        var picked = LabelledSubset.Indices(split, Digits, count);

        Assert.Equal(count, picked.Distinct().Count());
        var perClass = Digits.Select(c => picked.Count(i => split.Labels[i] == c)).ToList();
        Assert.True(perClass.Max() - perClass.Min() <= 1, string.Join(", ", perClass));
    }

    [Fact]
    public void A_class_that_runs_out_leaves_its_share_to_the_others()
    {
        var split = Uneven();
        var picked = LabelledSubset.Indices(split, Digits, 250);

        // Class 0 has 10 examples and gives all of them; the other nine share the other 240 as evenly as they can.
        Assert.Equal(10, picked.Count(i => split.Labels[i] == 0));
        var others = Digits.Skip(1).Select(c => picked.Count(i => split.Labels[i] == c)).ToList();
        Assert.True(others.Max() - others.Min() <= 1, string.Join(", ", others));
        Assert.Equal(250, picked.Distinct().Count());
    }

    [Fact]
    public void A_smaller_labelled_set_is_part_of_every_larger_one()
    {
        var small = LabelledSubset.Indices(Uneven(), Digits, 100);
        var large = LabelledSubset.Indices(Uneven(), Digits, 600);

        Assert.Subset(large.ToHashSet(), small.ToHashSet());
    }

    [Fact]
    public void More_labels_than_training_examples_and_unknown_labels_are_data_errors()
    {
        var tooMany = Assert.Throws<DataException>(() => LabelledSubset.Indices(Uneven(), Digits, 911));
        Assert.Contains("data.labelled is 911 but the training split has only 910 examples", tooMany.Message);
        Assert.Equal(910, LabelledSubset.Indices(Uneven(), Digits, 910).Distinct().Count());

        var unlabelled = new DataSplit("train", new float[4], Enumerable.Repeat(DataSplit.UnknownLabel, 4).ToArray(), 1);
        Assert.Contains("needs labels", Assert.Throws<DataException>(() => LabelledSubset.Indices(unlabelled, Digits, 2)).Message);
    }

    [Fact]
    public void The_classes_are_the_configured_subset_in_order_or_all_ten_digits()
    {
        Assert.Equal(Digits, LabelledSubset.Classes(new Core.Config.DataConfig()));
        Assert.Equal(new byte[] { 1, 4, 7 }, LabelledSubset.Classes(new Core.Config.DataConfig { Classes = [7, 1, 4] }));
    }
}
