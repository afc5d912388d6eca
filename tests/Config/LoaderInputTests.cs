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
    [Theory]
    [InlineData("a NUL byte inside YAML", new byte[] { 0x73, 0x77, 0x65, 0x65, 0x70, 0x3a, 0x00, 0x0a }, "a NUL byte at offset 6")]
    [InlineData("a PNG header", new byte[] { 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a }, "bytes that are not UTF-8 at offset 0")]
    [InlineData("gzip data", new byte[] { 0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe }, "a NUL byte at offset 3")]
    public void Binary_file_is_not_a_text_file(string _, byte[] bytes, string found)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vaesweep-binary-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllBytes(path, bytes);
            var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path));
            Assert.Equal($"{path}: not a text file (found {found}); give the sweep's YAML file", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Byte_order_mark_is_allowed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vaesweep-bom-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllBytes(path, [0xef, 0xbb, 0xbf, .. Encoding.UTF8.GetBytes("sweep: {name: bom}\n")]);
            Assert.Equal("bom", ConfigLoader.LoadFile(path).Name);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
