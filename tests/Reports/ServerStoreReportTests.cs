using VaeSweep.Tests.StoreTests;

namespace VaeSweep.Tests.Reports;

/// <summary>The same store on a PostgreSQL server reports exactly as the SQLite file does (its label aside).</summary>
public sealed class ServerStoreReportTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Theory]
    [MemberData(nameof(ReportGoldenTests.Cases), MemberType = typeof(ReportGoldenTests))]
    public void Rendered_report_of_a_server_store_matches_golden_file(string golden, string[] args)
    {
        var url = server.NewDatabase();
        using var demo = new DemoStore(url: url);

        var (code, actual, error) = CliRun.Report([.. args, url]);

        Assert.Equal("", error);
        Assert.Equal(0, code);
        // A store is labelled by its file name; a server store's "file name" is its database's.
        ReportGoldenTests.AssertGolden(golden, actual.Replace(url[(url.LastIndexOf('/') + 1)..], "demo"));
    }
}
