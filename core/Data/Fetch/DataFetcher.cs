using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace VaeSweep.Core.Data.Fetch;

/// <summary>
/// Downloads the files of a <see cref="FetchManifest"/> into a folder. Each file goes to NAME.part first;
/// an interrupted download is resumed from the partial file with an HTTP Range request (on a later attempt, or
/// a later run), and only a file whose size and checksums all match is renamed to NAME, so a file under its
/// final name is always complete and verified.
/// </summary>
public sealed class DataFetcher
{
    private const int BufferSize = 1 << 16;

    private readonly HttpClient _http;
    private readonly Action<FetchProgress>? _progress;
    private readonly int _maxAttempts;

    /// <param name="http">The caller's client (its timeout and proxy settings apply).</param>
    /// <param name="progress">Called after every chunk written, with bytes on disk and the total when known.</param>
    /// <param name="maxAttempts">Tries per file; each retry after a dropped connection resumes where it stopped.</param>
    public DataFetcher(HttpClient http, Action<FetchProgress>? progress = null, int maxAttempts = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttempts);
        _http = http;
        _progress = progress;
        _maxAttempts = maxAttempts;
    }

    /// <summary>Fetches every file of the manifest; returns how many were downloaded (the rest were present).</summary>
    public async Task<int> FetchAsync(FetchManifest manifest, string folder, CancellationToken cancel = default)
    {
        int downloaded = 0;
        foreach (var entry in manifest.Files)
            if (await FetchFileAsync(manifest.BaseUrl, entry, folder, cancel)) downloaded++;
        return downloaded;
    }

    /// <summary>Fetches one file; false when a verified copy was already there.</summary>
    public async Task<bool> FetchFileAsync(Uri baseUrl, ManifestEntry entry, string folder, CancellationToken cancel = default)
    {
        string final = Path.Combine(folder, entry.FileName);
        string part = final + ".part";
        if (File.Exists(final))
        {
            if (await CheckAsync(final, entry, cancel) is { } problem)
                throw new DataException($"{final}: {problem}; delete the file to download it again");
            return false;
        }
        Directory.CreateDirectory(folder);
        var url = new Uri(baseUrl, entry.FileName);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await DownloadAsync(url, part, entry, cancel);
                break;
            }
            catch (Exception e) when (e is HttpRequestException or IOException && !cancel.IsCancellationRequested)
            {
                if (attempt >= _maxAttempts)
                {
                    long have = File.Exists(part) ? new FileInfo(part).Length : 0;
                    throw new DataException(
                        $"{url}: download interrupted after {have} bytes ({e.Message}); fetch again to resume from {part}", e);
                }
            }
        }
        if (await CheckAsync(part, entry, cancel) is { } mismatch)
        {
            // A partial file that fails its checksum cannot be resumed into a good one: start from scratch.
            File.Delete(part);
            throw new DataException($"{url}: {mismatch}; the download was deleted (a damaged mirror or a proxy rewrote it)");
        }
        File.Move(part, final);
        return true;
    }

    private async Task DownloadAsync(Uri url, string part, ManifestEntry entry, CancellationToken cancel)
    {
        long have = File.Exists(part) ? new FileInfo(part).Length : 0;
        if (entry.Size is long size && have > size)
        {
            File.Delete(part);
            have = 0;
        }
        if (entry.Size is long complete && have == complete)
            return;   // a previous run got every byte but stopped before verifying

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // The server's file is shorter than our partial one: it is not the file we started; begin again.
            File.Delete(part);
            throw new IOException("the server refused to resume (416); starting over");
        }
        if (!response.IsSuccessStatusCode)
            throw new DataException($"{url}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}");

        // A server that ignores Range answers 200 with the whole file: then the partial file is overwritten.
        bool append = have > 0 && response.StatusCode == HttpStatusCode.PartialContent
            && response.Content.Headers.ContentRange?.From == have;
        if (!append) have = 0;
        long? total = response.Content.Headers.ContentRange?.Length
            ?? (response.Content.Headers.ContentLength is long length ? have + length : entry.Size);

        await using var file = new FileStream(part, append ? FileMode.Append : FileMode.Create, FileAccess.Write,
            FileShare.None, BufferSize, useAsync: true);
        await using var body = await response.Content.ReadAsStreamAsync(cancel);
        var buffer = new byte[BufferSize];
        _progress?.Invoke(new FetchProgress(entry.FileName, have, total));
        int read;
        while ((read = await body.ReadAsync(buffer, cancel)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read), cancel);
            have += read;
            _progress?.Invoke(new FetchProgress(entry.FileName, have, total));
        }
    }

    /// <summary>Null when the file matches every known size and checksum, else what is wrong.</summary>
    private static async Task<string?> CheckAsync(string path, ManifestEntry entry, CancellationToken cancel)
    {
        long length = new FileInfo(path).Length;
        if (entry.Size is long size && length != size)
            return $"size mismatch: {length} bytes, expected {size}";
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true))
        {
            var buffer = new byte[BufferSize];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancel)) > 0)
            {
                md5.AppendData(buffer, 0, read);
                sha256.AppendData(buffer, 0, read);
            }
        }
        string gotMd5 = Convert.ToHexStringLower(md5.GetHashAndReset());
        string gotSha = Convert.ToHexStringLower(sha256.GetHashAndReset());
        if (entry.Sha256 is { } sha && !string.Equals(sha, gotSha, StringComparison.OrdinalIgnoreCase))
            return $"SHA-256 mismatch: got {gotSha}, expected {sha}";
        if (entry.Md5 is { } expected && !string.Equals(expected, gotMd5, StringComparison.OrdinalIgnoreCase))
            return $"MD5 mismatch: got {gotMd5}, expected {expected}";
        return null;
    }
}
