using VaeSweep.Core.Config;
using VaeSweep.Core.Data;

namespace VaeSweep.Tests.Data;

public sealed class DataLoaderTests
{
    // 40 training images labelled i % 10 (image i has every pixel = i / 255) and 20 test images.
    private static readonly byte[] TrainLabels = Enumerable.Range(0, 40).Select(i => (byte)(i % 10)).ToArray();
    private static readonly byte[] TestLabels = Enumerable.Range(0, 20).Select(i => (byte)(i % 10)).ToArray();

    private static int Id(DataSplit split, int i) => (int)Math.Round(split.Row(i)[0] * 255);

    public static TheoryData<string, DataConfig, int, int, int, int[]> Shapes => new()
    {
        { "all classes, 5 for validation", new() { Dataset = DatasetKind.Mnist, Validation = 5 }, 35, 5, 20, [35, 36, 37, 38, 39] },
        { "classes 1 and 4", new() { Dataset = DatasetKind.Mnist, Classes = [1, 4], Validation = 2 }, 6, 2, 4, [31, 34] },
        { "train and test caps", new() { Dataset = DatasetKind.Mnist, Validation = 10, TrainLimit = 7, TestLimit = 3 }, 7, 10, 3, [30, 31, 32, 33, 34, 35, 36, 37, 38, 39] },
        { "no validation", new() { Dataset = DatasetKind.FashionMnist, Validation = 0 }, 40, 0, 20, [] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Classes_validation_tail_and_limits_shape_the_splits(
        string name, DataConfig config, int train, int validation, int test, int[] validationIds)
    {
        using var temp = new TempFolder();
        IdxFiles.WriteFolder(temp.Path, TrainLabels, TestLabels, gzip: name.Contains("classes"));

        var bundle = DataLoader.Load(config with { Path = temp.Path }, temp.Path);

        Assert.Equal((train, validation, test), (bundle.Train.Count, bundle.Validation.Count, bundle.Test.Count));
        Assert.Equal(validationIds, Enumerable.Range(0, bundle.Validation.Count).Select(i => Id(bundle.Validation, i)));
        var allowed = config.Classes.Count > 0 ? config.Classes : Enumerable.Range(0, 10).ToList();
        Assert.All(bundle.Train.Labels.Concat(bundle.Test.Labels), l => Assert.Contains((int)l, allowed));
        Assert.Equal(("train", "validation", "test"), (bundle.Train.Name, bundle.Validation.Name, bundle.Test.Name));
    }

    [Fact]
    public void A_relative_path_is_taken_from_the_root()
    {
        using var temp = new TempFolder();
        IdxFiles.WriteFolder(Path.Combine(temp.Path, "digits"), TrainLabels, TestLabels, gzip: false);

        var bundle = DataLoader.Load(new DataConfig { Dataset = DatasetKind.Mnist, Path = "digits", Validation = 1 }, temp.Path);

        Assert.Equal(39, bundle.Train.Count);
    }

    public static TheoryData<Action<string>, DataConfig, string> Failures => new()
    {
        { f => File.WriteAllBytes(Path.Combine(f, "t10k-labels-idx1-ubyte"), IdxFiles.Labels([1, 2])),
            new() { Dataset = DatasetKind.Mnist, Validation = 1 }, "t10k-labels-idx1-ubyte: label/image count mismatch: 2 labels for 20 images" },
        { f => File.WriteAllBytes(Path.Combine(f, "train-images-idx3-ubyte"), IdxFiles.Images(40, 27, 28, (_, _) => 0)),
            new() { Dataset = DatasetKind.Mnist, Validation = 1 }, "train-images-idx3-ubyte: wrong dimensions: images are 27x28" },
        { f => File.Delete(Path.Combine(f, "train-labels-idx1-ubyte")),
            new() { Dataset = DatasetKind.Mnist, Validation = 1 }, "train-labels-idx1-ubyte.gz: file not found" },
        { _ => { },
            new() { Dataset = DatasetKind.Mnist, Validation = 40 }, "data.validation is 40 but mnist has only 40 training examples" },
        { _ => { },
            new() { Dataset = DatasetKind.Mnist, Classes = [3], Validation = 4 }, "only 4 training examples in classes [3]" },
        { _ => { },
            new() { Dataset = DatasetKind.Mnist, Classes = [10], Validation = 1 }, "data.classes contains 10" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Bad_folders_and_configs_give_one_line_errors(Action<string> damage, DataConfig config, string expected)
    {
        using var temp = new TempFolder();
        IdxFiles.WriteFolder(temp.Path, TrainLabels, TestLabels, gzip: false);
        damage(temp.Path);

        var error = Assert.Throws<DataException>(() => DataLoader.Load(config with { Path = temp.Path }, temp.Path));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static void WriteAmat(string folder, string split, int count)
    {
        var lines = Enumerable.Range(0, count).Select(i =>
            string.Join(' ', Enumerable.Range(0, 784).Select(p => p < i ? "1" : "0")));
        File.WriteAllLines(Path.Combine(folder, $"binarized_mnist_{split}.amat"), lines);
    }

    [Theory]
    [InlineData(1000, 4)]  // the whole valid file
    [InlineData(2, 2)]     // its first two examples
    public void Binarized_mnist_takes_validation_from_its_valid_file(int validation, int expected)
    {
        using var temp = new TempFolder();
        WriteAmat(temp.Path, "train", 6);
        WriteAmat(temp.Path, "valid", 4);
        WriteAmat(temp.Path, "test", 3);

        var bundle = DataLoader.Load(new DataConfig { Dataset = DatasetKind.BinarizedMnist, Path = temp.Path, Validation = validation }, temp.Path);

        Assert.Equal((6, expected, 3), (bundle.Train.Count, bundle.Validation.Count, bundle.Test.Count));
        Assert.True(bundle.IsBinary);
        Assert.All(bundle.Test.Labels, l => Assert.Equal(DataSplit.UnknownLabel, l));
        Assert.Equal(2f, bundle.Test.Row(2).ToArray().Sum());
    }

    [Fact]
    public void Binarized_mnist_has_no_labels_for_a_class_subset()
    {
        using var temp = new TempFolder();
        foreach (string split in new[] { "train", "valid", "test" }) WriteAmat(temp.Path, split, 2);

        var error = Assert.Throws<DataException>(() => DataLoader.Load(
            new DataConfig { Dataset = DatasetKind.BinarizedMnist, Path = temp.Path, Classes = [1] }, temp.Path));

        Assert.Contains("has no labels", error.Message);
    }
}
