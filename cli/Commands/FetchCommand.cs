using System.CommandLine;
using System.Globalization;
using VaeSweep.Core.Config;
using VaeSweep.Core.Data.Fetch;
using VaeSweep.Core.Data;
using VaeSweep.Core.Scheduling;

namespace VaeSweep.Cli.Commands;

/// <summary>`vaesweep fetch DATASET`: downloads a data set's files, verified against their published checksums.</summary>
public static class FetchCommand
{
    private static readonly Dictionary<string, DatasetKind> Fetchable = new()
    {
        ["mnist"] = DatasetKind.Mnist,
        ["binarized-mnist"] = DatasetKind.BinarizedMnist,
    };

    /// <param name="manifests">Where each data set's files and checksums come from; tests pass their own so a local
    /// server can serve small files. Defaults to the published manifests.</param>
    public static Command Create(TextWriter output, TextWriter error, Func<DatasetKind, FetchManifest>? manifests = null)
    {
        manifests ??= FetchManifest.For;
        var dataset = new Argument<string>("dataset") { Description = "mnist or binarized-mnist" };
        dataset.AcceptOnlyFromAmong([.. Fetchable.Keys]);
        var to = new Option<string?>("--to") { Description = "destination folder (default: .data/DATASET in the repository)" };
        var baseUrl = new Option<string?>("--base-url") { Description = "download from this mirror instead of the published location" };
        var command = new Command("fetch",
            "Download a data set (resuming a partial download), checking every file's size and checksums.")
        {
            dataset, to, baseUrl,
        };
        command.SetAction(parse => UserErrors.Run(error, () =>
        {
            var kind = Fetchable[parse.GetValue(dataset)!];
            var manifest = manifests(kind);
            if (parse.GetValue(baseUrl) is { } url)
            {
                if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri)
                    || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    throw new UsageException($"--base-url must be an http or https URL (got {url})");
                manifest = manifest.WithBaseUrl(uri);
            }
            var folder = parse.GetValue(to) is { } target
                ? Path.GetFullPath(target)
                : DataPaths.Folder(new DataConfig { Dataset = kind }, DataCache.DefaultRoot());
            error.WriteLine($"fetching {manifest.Dataset} from {manifest.BaseUrl} into {folder}");
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            var progress = new ProgressLines(error);
            var fetcher = new DataFetcher(http, progress.Report);
            var downloaded = fetcher.FetchAsync(manifest, folder).GetAwaiter().GetResult();
            output.WriteLine($"{manifest.Dataset}: {downloaded} file(s) downloaded, {manifest.Files.Count - downloaded} already present and verified, in {folder}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>A line per file at its start, every 10% and at its end: readable in a log, not a flood.</summary>
    private sealed class ProgressLines(TextWriter error)
    {
        private string? file;
        private int lastTenth = -1;

        public void Report(FetchProgress p)
        {
            if (p.FileName != file)
            {
                file = p.FileName;
                lastTenth = -1;
            }
            var tenth = p.BytesTotal is > 0 and var total ? (int)(10 * p.BytesDone / total) : -1;
            if (tenth == lastTenth) return;
            lastTenth = tenth;
            var inv = CultureInfo.InvariantCulture;
            error.WriteLine(p.BytesTotal is long all
                ? string.Create(inv, $"  {p.FileName}: {p.BytesDone / 1048576.0:F1} / {all / 1048576.0:F1} MiB ({10 * tenth}%)")
                : string.Create(inv, $"  {p.FileName}: {p.BytesDone / 1048576.0:F1} MiB"));
        }
    }
}
