using System.Security.Cryptography;
using VaeSweep.Core.Data.Fetch;
using VaeSweep.Core.Data;

namespace VaeSweep.Tests.Data.Fetch;

[Collection(nameof(LocalHttpServer))]
public sealed class DataFetcherTests
{
    private const string Name = "train-images-idx3-ubyte.gz";

    // Incompressible bytes, so the transfer is not over before the server can cut it.
    private static byte[] Payload(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static ManifestEntry EntryFor(byte[] data, bool size = true, bool md5 = true, bool sha256 = true) =>
        new(Name, size ? data.Length : null,
            md5 ? Convert.ToHexStringLower(MD5.HashData(data)) : null,
            sha256 ? Convert.ToHexStringLower(SHA256.HashData(data)) : null);

    private static Dictionary<string, byte[]> Serve(byte[] data) => new() { [Name] = data };

    [Theory]
    [InlineData(1_000)]
    [InlineData(3_000_000)]
    public async Task A_full_download_is_verified_and_renamed(int length)
    {
        byte[] data = Payload(length);
        using var server = new LocalHttpServer(Serve(data));
        using var temp = new TempFolder();
        using var http = new HttpClient();
        var reports = new List<FetchProgress>();
        var fetcher = new DataFetcher(http, reports.Add);

        bool downloaded = await fetcher.FetchFileAsync(server.BaseUrl, EntryFor(data), temp.Path);

        Assert.True(downloaded);
        Assert.Equal(data, File.ReadAllBytes(temp.File(Name)));
        Assert.False(File.Exists(temp.File(Name + ".part")));
        Assert.Equal(new FetchProgress(Name, length, length), reports[^1]);
        Assert.Equal(0, reports[0].BytesDone);
        Assert.Equal([null], server.Ranges);
    }

    [Theory]
    [InlineData(1)]   // the first call fails, and a second call resumes from the partial file
    [InlineData(3)]   // one call retries by itself, resuming
    public async Task An_interrupted_download_resumes_with_a_range_request(int maxAttempts)
    {
        byte[] data = Payload(2_000_000);
        using var server = new LocalHttpServer(Serve(data), dropFirstResponses: 1);
        using var temp = new TempFolder();
        using var http = new HttpClient();
        var fetcher = new DataFetcher(http, maxAttempts: maxAttempts);
        var manifest = new FetchManifest("test", server.BaseUrl, [EntryFor(data)]);

        if (maxAttempts == 1)
        {
            var error = await Assert.ThrowsAsync<DataException>(() => fetcher.FetchAsync(manifest, temp.Path));
            Assert.Contains("download interrupted", error.Message);
            Assert.True(File.Exists(temp.File(Name + ".part")));
            Assert.False(File.Exists(temp.File(Name)));
        }
        await fetcher.FetchAsync(manifest, temp.Path);

        string?[] ranges = server.Ranges.ToArray();
        Assert.Equal(2, ranges.Length);
        Assert.Null(ranges[0]);
        long resumedFrom = long.Parse(ranges[1]!["bytes=".Length..^1]);
        Assert.InRange(resumedFrom, 1, data.Length - 1);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(File.ReadAllBytes(temp.File(Name))));
    }

    public static TheoryData<Func<byte[], byte[]>, bool, bool, bool, string> Corruptions => new()
    {
        { d => Flip(d), false, false, true, "SHA-256 mismatch" },
        { d => Flip(d), false, true, false, "MD5 mismatch" },
        { d => d[..^10], true, false, false, "size mismatch: 4990 bytes, expected 5000" },
    };

    private static byte[] Flip(byte[] data)
    {
        byte[] copy = (byte[])data.Clone();
        copy[1234] ^= 0x01;
        return copy;
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public async Task A_corrupted_server_file_is_rejected_and_leaves_nothing(
        Func<byte[], byte[]> corrupt, bool size, bool md5, bool sha256, string expected)
    {
        byte[] data = Payload(5_000);
        using var server = new LocalHttpServer(Serve(corrupt(data)));
        using var temp = new TempFolder();
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<DataException>(() =>
            new DataFetcher(http).FetchFileAsync(server.BaseUrl, EntryFor(data, size, md5, sha256), temp.Path));

        Assert.Contains(expected, error.Message);
        Assert.StartsWith(new Uri(server.BaseUrl, Name).ToString(), error.Message);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public async Task A_missing_server_file_is_a_clear_error()
    {
        using var server = new LocalHttpServer(new Dictionary<string, byte[]>());
        using var temp = new TempFolder();
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<DataException>(() =>
            new DataFetcher(http).FetchFileAsync(server.BaseUrl, EntryFor([1, 2, 3]), temp.Path));

        Assert.Equal($"{new Uri(server.BaseUrl, Name)}: the server answered 404 Not Found", error.Message);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Theory]
    [InlineData(false)]   // a verified file is kept and not downloaded again
    [InlineData(true)]    // a damaged file is reported, not silently replaced
    public async Task A_file_already_present_is_checked_not_downloaded(bool damaged)
    {
        byte[] data = Payload(4_000);
        using var server = new LocalHttpServer(Serve(data));
        using var temp = new TempFolder();
        using var http = new HttpClient();
        File.WriteAllBytes(temp.File(Name), damaged ? Flip(data) : data);
        var fetcher = new DataFetcher(http);

        if (damaged)
        {
            var error = await Assert.ThrowsAsync<DataException>(() => fetcher.FetchFileAsync(server.BaseUrl, EntryFor(data), temp.Path));
            Assert.Contains("delete the file to download it again", error.Message);
        }
        else
        {
            Assert.False(await fetcher.FetchFileAsync(server.BaseUrl, EntryFor(data), temp.Path));
        }
        Assert.Empty(server.Ranges);
    }

    [Theory]
    [InlineData("mnist", 4)]
    [InlineData("binarized-mnist", 3)]
    public void Known_manifests_carry_well_formed_checksums_for_every_file(string dataset, int files)
    {
        var manifest = dataset == "mnist" ? FetchManifest.Mnist : FetchManifest.BinarizedMnist;

        Assert.Equal(dataset, manifest.Dataset);
        Assert.Equal(files, manifest.Files.Count);
        Assert.All(manifest.Files, f =>
        {
            Assert.Matches("^[0-9a-f]{64}$", f.Sha256);
            Assert.True(f.Md5 is null || System.Text.RegularExpressions.Regex.IsMatch(f.Md5, "^[0-9a-f]{32}$"));
            Assert.True(f.Size > 0);
        });
    }
}
