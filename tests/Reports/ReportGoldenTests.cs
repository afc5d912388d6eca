using VaeSweep.Tests.Config;

namespace VaeSweep.Tests.Reports;

/// <summary>
/// Rendered reports of <see cref="DemoStore"/> against golden files, through the real command line. A
/// mismatch writes a <c>.actual</c> file beside the golden one; to accept a deliberate change, copy it over.
/// </summary>
public sealed class ReportGoldenTests
{
    public static TheoryData<string, string[]> Cases => new()
    {
        { "runs-table.txt", [] },
        { "by-beta-kind-compare-table.txt", ["--by", "objective.beta,objective.kind", "--compare"] },
        { "by-beta-sort-kl-table.txt", ["--by", "objective.beta", "--sort", "kl"] },
        { "by-beta-kind-compare.md", ["--by", "objective.beta,objective.kind", "--compare", "--format", "md"] },
        { "runs.csv", ["--format", "csv"] },
        { "epochs.csv", ["--format", "csv", "--per-epoch"] },
        { "runs.json", ["--format", "json"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rendered_report_matches_golden_file(string golden, string[] args)
    {
        using var demo = new DemoStore();

        var (code, actual, error) = CliRun.Report([.. args, demo.DbPath]);

        Assert.Equal("", error);
        Assert.Equal(0, code);
        AssertGolden(golden, actual);
    }

    internal static void AssertGolden(string golden, string actual)
    {
        var goldenPath = RepoPaths.Combine("tests", "Reports", "golden", golden);
        var expected = File.Exists(goldenPath) ? File.ReadAllText(goldenPath) : "";
        if (expected != actual) File.WriteAllText(goldenPath + ".actual", actual);
        Assert.Equal(expected, actual);
    }
}
