using VaeSweep.Core.Data;

namespace VaeSweep.Tests.Data;

public sealed class AmatReaderTests
{
    private static string Line(int dim, Func<int, int> value) =>
        string.Join(' ', Enumerable.Range(0, dim).Select(value));

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Reads_one_example_per_line_with_any_line_ending(string newline)
    {
        using var temp = new TempFolder();
        string path = temp.File("binarized_mnist_valid.amat");
        File.WriteAllText(path, Line(784, p => p % 3 == 0 ? 1 : 0) + newline + Line(784, _ => 1) + newline);

        var (pixels, count) = AmatReader.Read(path);

        Assert.Equal(2, count);
        Assert.Equal([1f, 0f, 0f, 1f], pixels[..4]);
        Assert.Equal(784f, pixels.AsSpan(784).ToArray().Sum());
    }

    [Theory]
    [InlineData("short line", "0 1 0", ":1: wrong dimensions: 3 values")]
    [InlineData("long line", null, ":1: wrong dimensions: more than 4")]
    [InlineData("grey value", "0 0.5 1 0", ":1: unexpected character '.'")]
    [InlineData("two digits run together", "0 10 1 0", ":1: value 1 is not 0 or 1")]
    [InlineData("truncated second line", "0 1 0 1\n1 1", ":2: wrong dimensions: 2 values")]
    [InlineData("empty file", "", "no examples")]
    public void Bad_lines_give_errors_naming_file_and_line(string name, string? text, string expected)
    {
        using var temp = new TempFolder();
        string path = temp.File(name.Replace(' ', '_') + ".amat");
        File.WriteAllText(path, text ?? "0 1 0 1 1");

        var error = Assert.Throws<DataException>(() => AmatReader.Read(path, dim: 4));

        Assert.StartsWith(path + ":", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
