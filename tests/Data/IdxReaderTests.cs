using VaeSweep.Core.Config;
using VaeSweep.Core.Data;

namespace VaeSweep.Tests.Data;

public sealed class IdxReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Images_and_labels_round_trip_plain_or_gzipped(bool gzip)
    {
        using var temp = new TempFolder();
        byte[] images = IdxFiles.Images(3, 2, 4, (i, p) => (byte)(i * 80 + p));
        byte[] labels = IdxFiles.Labels([7, 0, 9]);
        File.WriteAllBytes(temp.File("i"), gzip ? IdxFiles.Gzip(images) : images);
        File.WriteAllBytes(temp.File("l"), gzip ? IdxFiles.Gzip(labels) : labels);

        var (pixels, count, rows, cols) = IdxReader.ReadImages(temp.File("i"));

        Assert.Equal((3, 2, 4), (count, rows, cols));
        Assert.Equal(24, pixels.Length);
        Assert.Equal((2 * 80 + 5) / 255f, pixels[2 * 8 + 5]);
        Assert.Equal([7, 0, 9], IdxReader.ReadLabels(temp.File("l")));
    }

    public static TheoryData<string, Func<byte[]>, bool, string> BadFiles => new()
    {
        { "missing image file", () => [], true, "file not found" },
        { "header cut short", () => IdxFiles.Images(1, 28, 28, (_, _) => 0)[..10], true, "truncated" },
        { "labels passed as images", () => IdxFiles.Labels([1, 2]), true, "wrong magic number 2049" },
        { "images passed as labels", () => IdxFiles.Images(1, 2, 2, (_, _) => 0), false, "wrong magic number 2051" },
        { "image data cut short", () => IdxFiles.Images(5, 28, 28, (_, _) => 0)[..^100], true, "truncated" },
        { "label data cut short", () => IdxFiles.Labels([1, 2, 3])[..^1], false, "truncated" },
        { "bytes after the images", () => [.. IdxFiles.Images(1, 2, 2, (_, _) => 0), 9], true, "1 unexpected bytes" },
        { "zero rows", () => IdxFiles.Images(1, 0, 28, (_, _) => 0), true, "wrong dimensions" },
        { "gzip stream cut short", () => IdxFiles.Gzip(IdxFiles.Images(50, 28, 28, (i, p) => (byte)(i ^ p)))[..500], true, "gzip" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_files_give_one_line_errors_naming_the_file(string name, Func<byte[]> content, bool images, string expected)
    {
        using var temp = new TempFolder();
        string path = temp.File(name.Replace(' ', '_'));
        if (name != "missing image file") File.WriteAllBytes(path, content());

        var error = Assert.Throws<DataException>(() =>
        {
            if (images) IdxReader.ReadImages(path);
            else IdxReader.ReadLabels(path);
        });

        Assert.StartsWith(path + ":", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [FactWhen("fashion-mnist")]
    public void Real_fashion_mnist_loads_with_its_published_shape()
    {
        var config = new DataConfig { Dataset = DatasetKind.FashionMnist, Path = TestPaths.FashionMnist, Validation = 10_000 };

        var bundle = DataLoader.Load(config, TestPaths.RepoRoot);

        Assert.Equal((50_000, 10_000, 10_000), (bundle.Train.Count, bundle.Validation.Count, bundle.Test.Count));
        Assert.Equal((28, 28, false), (bundle.Height, bundle.Width, bundle.IsBinary));
        // Fashion-MNIST is balanced: 1,000 test images per class.
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(1000, bundle.Test.Labels.Count(l => l == c)));
        Assert.InRange(bundle.Train.Pixels.Average(), 0.2, 0.4);
        Assert.Equal(1f, bundle.Test.Pixels.Max());
    }
}
