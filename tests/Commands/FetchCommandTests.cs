using System.CommandLine;
using System.Security.Cryptography;
using VaeSweep.Cli.Commands;
using VaeSweep.Cli;
using VaeSweep.Core.Config;
using VaeSweep.Core.Data.Fetch;
using VaeSweep.Tests.Data.Fetch;
using VaeSweep.Tests.Data;

namespace VaeSweep.Tests.Commands;

/// <summary>`vaesweep fetch` against a local HTTP server.</summary>
[Collection(nameof(VaeSweep.Tests.Data.Fetch.LocalHttpServer))]
public sealed class FetchCommandTests
{
    private static Dictionary<string, byte[]> FakeFiles(FetchManifest manifest)
    {
        var random = new Random(4);
        return manifest.Files.ToDictionary(f => f.FileName, _ =>
        {
            var bytes = new byte[300_000];
            random.NextBytes(bytes);
            return bytes;
        });
    }

    /// <summary>The published file names with the sizes and checksums of the fake files.</summary>
    private static FetchManifest Matching(FetchManifest published, Dictionary<string, byte[]> files) =>
        published with
        {
            Files = published.Files.Select(f => new ManifestEntry(f.FileName, files[f.FileName].Length,
                Convert.ToHexStringLower(MD5.HashData(files[f.FileName])),
                Convert.ToHexStringLower(SHA256.HashData(files[f.FileName])))).ToList(),
        };

    private static Func<TextWriter, TextWriter, RootCommand> WithManifests(Func<DatasetKind, FetchManifest> manifests) =>
        (output, error) =>
        {
            var root = new RootCommand();
            root.Subcommands.Add(FetchCommand.Create(output, error, manifests));
            return root;
        };

    [Theory]
    [InlineData("mnist")]
    [InlineData("binarized-mnist")]
    public void Fetch_downloads_every_file_with_progress_and_a_second_fetch_downloads_nothing(string dataset)
    {
        var published = dataset == "mnist" ? FetchManifest.Mnist : FetchManifest.BinarizedMnist;
        var files = FakeFiles(published);
        using var server = new LocalHttpServer(files);
        using var temp = new TempFolder();
        var build = WithManifests(_ => Matching(published, files));

        var (code, output, error) = CliRunner.Run(build, "fetch", dataset, "--to", temp.Path, "--base-url", server.BaseUrl.ToString());

        Assert.True(code == ExitCodes.Ok, error);
        foreach (var (name, bytes) in files) Assert.Equal(bytes, File.ReadAllBytes(temp.File(name)));
        Assert.Contains($"{files.Count} file(s) downloaded", output);
        foreach (var name in files.Keys) Assert.Contains($"  {name}: 0.3 / 0.3 MiB (100%)", error);

        var again = CliRunner.Run(build, "fetch", dataset, "--to", temp.Path, "--base-url", server.BaseUrl.ToString());
        Assert.Equal(ExitCodes.Ok, again.ExitCode);
        Assert.Contains($"0 file(s) downloaded, {files.Count} already present", again.Output);
    }

    [Fact]
    public void Files_that_do_not_match_the_published_checksums_are_refused()
    {
        // The real manifest, a server with other bytes under the same names: a rewritten mirror.
        var files = FakeFiles(FetchManifest.Mnist);
        using var server = new LocalHttpServer(files);
        using var temp = new TempFolder();

        var (code, _, error) = CliRunner.Run("fetch", "mnist", "--to", temp.Path, "--base-url", server.BaseUrl.ToString());

        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains("error: ", error);
        Assert.Contains("size mismatch", error);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void A_data_set_without_a_download_is_refused_by_the_parser()
    {
        var parse = CliApp.Build(TextWriter.Null, TextWriter.Null).Parse(["fetch", "mnist-sample"]);

        // System.CommandLine reports it (on the console) and names the accepted values.
        var message = Assert.Single(parse.Errors).Message;
        Assert.Contains("mnist-sample", message);
        Assert.Contains("binarized-mnist", message);
    }

    [Fact]
    public void A_base_url_that_is_not_http_is_a_usage_error()
    {
        var (code, _, error) = CliRunner.Run("fetch", "mnist", "--base-url", "ftp://example.org/");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("error: --base-url must be an http or https URL (got ftp://example.org/)", error.Trim());
    }
}
