using Microsoft.Data.Sqlite;
using VaeSweep.Cli;

namespace VaeSweep.Tests.Reports;

/// <summary>Every bad input ends in one line on stderr and a named exit code, never a stack trace.</summary>
public sealed class ReportErrorTests
{
    public static TheoryData<string, string[], int, string> Cases => new()
    {
        { "missing store", ["{missing}"], ExitCodes.StoreError, "no store there" },
        { "a folder", ["{folder}"], ExitCodes.StoreError, "is a folder, not a store file" },
        { "foreign sqlite file", ["{foreign}"], ExitCodes.StoreError, "foreign.db" },
        { "not sqlite at all", ["{text}"], ExitCodes.StoreError, "notes.db" },
        { "unknown axis with a guess", ["--by", "objective.bta", "{store}"], ExitCodes.Usage,
            "unknown axis 'objective.bta'; did you mean 'objective.beta'? (swept axes: objective.kind, objective.beta, seed;" },
        { "unknown axis without a guess", ["--by", "colour", "{store}"], ExitCodes.Usage, "unknown axis 'colour' (swept axes:" },
        { "unknown metric", ["--sort", "elbow", "{store}"], ExitCodes.Usage,
            "unknown metric 'elbow'; did you mean 'elbo'? (allowed: log-likelihood, elbo, kl, recon, active-units, probe-accuracy, mutual-information, classifier-accuracy, epochs, seconds)" },
        { "unwritable output", ["--out", "{store}/report.md", "{store}"], ExitCodes.Usage, "cannot write the report to" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_gives_one_line(string name, string[] args, int code, string expected)
    {
        using var demo = new DemoStore();
        var foreign = Path.Combine(demo.Folder, "foreign.db");
        using (var connection = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE photos (id INTEGER PRIMARY KEY, caption TEXT); INSERT INTO photos VALUES (1, 'x');";
            command.ExecuteNonQuery();
        }
        var text = Path.Combine(demo.Folder, "notes.db");
        File.WriteAllText(text, "these are notes, not a database\n".PadRight(200, '.'));
        var missing = Path.Combine(demo.Folder, "missing.db");
        var resolved = args.Select(a => a.Replace("{missing}", missing).Replace("{folder}", demo.Folder)
            .Replace("{foreign}", foreign).Replace("{text}", text).Replace("{store}", demo.DbPath)).ToArray();

        var (actualCode, output, error) = CliRun.Report(resolved);

        Assert.True(code == actualCode, $"{name}: exit code {actualCode}, stderr: {error}");
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error);
        Assert.Contains(expected, error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(missing), "a report must not create a store");
    }

    // A config this build cannot read (an older or newer build's) is parsed once, when the store's rows are built,
    // and its error surfaces where the report asks for the config: one line naming the run, nothing else.
    [Fact]
    public void A_run_config_this_build_cannot_read_gives_one_line_naming_the_run()
    {
        using var demo = new DemoStore();
        string key;
        using (var connection = new SqliteConnection($"Data Source={demo.DbPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT run_key FROM runs ORDER BY run_key LIMIT 1";
            key = (string)command.ExecuteScalar()!;
            command.CommandText = $"UPDATE runs SET config_json = '{{\"retired_setting\":1}}' WHERE run_key = '{key}'";
            command.ExecuteNonQuery();
        }

        var (code, output, error) = CliRun.Report([demo.DbPath]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        Assert.StartsWith($"error: run {key} in {demo.DbPath} has a config this build cannot read: ", error);
        Assert.Contains("retired_setting", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }
}
