using System.Text;
using VaeSweep.Core.Config;

namespace VaeSweep.Tests.Config;

/// <summary>Errors about the input as a whole, which have no line and column.</summary>
public sealed class LoaderInputTests
{
    [Fact]
    public void Missing_file_names_the_path_once()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vaesweep-missing-{Guid.NewGuid():N}.yaml");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path));

        Assert.Equal($"{path}: no such file", error.Message);
        Assert.Equal(0, error.Line);
    }

    [Fact]
    public void Directory_is_not_a_sweep_file()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(Path.GetTempPath()));

        Assert.EndsWith("is a directory, not a sweep file", error.Message);
    }

    [Theory]
    [InlineData("file on disk", true)]
    [InlineData("text in memory", false)]
    public void Input_over_one_mebibyte_is_refused_before_parsing(string _, bool onDisk)
    {
        // Valid YAML comments, so only the size can be the reason for refusal.
        var text = new StringBuilder("sweep: {name: big}\n");
        while (text.Length <= ConfigLoader.MaxFileBytes) text.Append("# padding padding padding padding padding\n");
        var path = Path.Combine(Path.GetTempPath(), $"vaesweep-big-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(path, text.ToString());
            var error = Assert.Throws<ConfigException>(() =>
                onDisk ? ConfigLoader.LoadFile(path) : ConfigLoader.LoadString(text.ToString(), "big.yaml"));
            Assert.Contains("limited to 1048576 bytes", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Errors_from_a_string_use_the_display_name()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadString("sweep: {name: x}\nbase: {seed: -1}\n", "stored sweep"));

        Assert.Equal("stored sweep:2:14: seed must be a non-negative integer (got -1)", error.Message);
        Assert.Equal("seed", error.KeyPath);
        Assert.Equal((2, 14), (error.Line, error.Column));
    }
}
