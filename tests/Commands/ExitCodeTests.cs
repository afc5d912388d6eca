using Microsoft.Data.Sqlite;
using VaeSweep.Cli;
using VaeSweep.Tests.Config;
using VaeSweep.Tests.Data;

namespace VaeSweep.Tests.Commands;

/// <summary>
/// One exit-code table for the whole command line (<see cref="ExitCodes"/>): every command that meets the same
/// user error answers with the same code and one line on stderr, and creates no store.
/// </summary>
public sealed class ExitCodeTests
{
    // {store} is replaced by the path the user error is about, {sweep} by a good sweep file, {dir} by a fresh folder.
    private static readonly string[][] StoreCommands =
    [
        ["status", "{store}"],
        ["report", "{store}"],
        ["doctor", "{store}"],
        ["export", "{store}", "0123456789abcdef", "--out", "{dir}/export"],
        ["plan", "{sweep}", "--store", "{store}"],
    ];

    private static readonly string[][] SweepCommands =
    [
        ["run", "{sweep}", "--in-process"],
        ["plan", "{sweep}"],
        ["status", "{sweep}"],
    ];

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var command in StoreCommands)
        {
            var line = string.Join(' ', command);
            // plan without a store is normal (nothing has run yet); every command that reads one needs it.
            if (command[0] != "plan") data.Add("missing store", line, ExitCodes.StoreError);
            data.Add("store path is a folder", line, ExitCodes.StoreError);
            data.Add("store is not a SQLite file", line, ExitCodes.StoreError);
            data.Add("store is another program's SQLite file", line, ExitCodes.StoreError);
        }
        data.Add("store path is a folder", "run {sweep} --in-process --store {store}", ExitCodes.StoreError);
        data.Add("store is not a SQLite file", "run {sweep} --in-process --store {store}", ExitCodes.StoreError);
        foreach (var command in SweepCommands)
        {
            var line = string.Join(' ', command);
            data.Add("missing sweep file", line, ExitCodes.ConfigError);
            // status takes a sweep file or a store, and reads a folder as a store path given wrongly (its own case).
            if (command[0] != "status") data.Add("sweep path is a folder", line, ExitCodes.ConfigError);
            data.Add("bad sweep file", line, ExitCodes.ConfigError);
        }
        data.Add("bad option value", "run {sweep} --workers 0", ExitCodes.Usage);
        data.Add("bad option value", "run {sweep} --pack 0", ExitCodes.Usage);
        data.Add("bad option value", "run {sweep} --pack eight", ExitCodes.Usage);
        data.Add("bad option value", "plan {sweep} --pack -2", ExitCodes.Usage);
        data.Add("bad option value", "plan {sweep} --workers 0", ExitCodes.Usage);
        data.Add("bad option value", "report --sort elbow {store}", ExitCodes.Usage);
        data.Add("unknown option", "status --colour {store}", ExitCodes.Usage);
        // Parts are SQLite files of a Slurm array's tasks: refused anywhere else, before anything is written.
        data.Add("bad option combination", "run {sweep} --parts", ExitCodes.Usage);
        data.Add("bad option combination", "run {sweep} --launcher slurm --dry-run --parts-dir /local", ExitCodes.Usage);
        data.Add("bad option combination", "run {sweep} --launcher slurm --parts --store postgresql://me@127.0.0.1:1/sweeps", ExitCodes.Usage);
        data.Add("bad option value", "run {sweep} --launcher slurm --parts --dry-run --parts-dir scratch", ExitCodes.Usage);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_same_user_error_has_the_same_exit_code_in_every_command(string error, string commandLine, int code)
    {
        using var temp = new TempFolder();
        var (store, sweep) = Arrange(error, temp);
        var args = commandLine.Split(' ')
            .Select(a => a.Replace("{store}", store).Replace("{sweep}", sweep).Replace("{dir}", temp.Path)).ToArray();
        var storeBefore = Snapshot(store);

        var (actual, _, stderr) = CliRunner.Run(args);

        Assert.True(code == actual, $"{error}: `{commandLine}` exited {actual}, expected {code}; stderr: {stderr}");
        Assert.StartsWith("error: ", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal(storeBefore, Snapshot(store));
        Assert.False(File.Exists(Path.Combine(temp.Path, "runs", "smoke.db")), "no store may be created");
    }

    // The store and sweep paths for one user error; everything not under test is valid.
    private static (string Store, string Sweep) Arrange(string error, TempFolder temp)
    {
        var store = temp.File("store.db");
        var sweep = temp.File("sweep.yaml");
        // A good sweep whose own store lies in the temp folder, so no command can touch runs/ in the repository.
        File.WriteAllText(sweep, File.ReadAllText(RepoPaths.Combine("configs", "smoke.yaml"))
            .Replace("name: smoke", $"name: smoke\n  store: {temp.File(Path.Combine("runs", "smoke.db"))}"));
        switch (error)
        {
            case "missing store":
                break;
            case "store path is a folder":
                Directory.CreateDirectory(store);
                break;
            case "store is not a SQLite file":
                File.WriteAllText(store, "these are notes, not a database\n".PadRight(200, '.'));
                break;
            case "store is another program's SQLite file":
                using (var connection = new SqliteConnection($"Data Source={store};Pooling=False"))
                {
                    connection.Open();
                    using var command = connection.CreateCommand();
                    command.CommandText = "CREATE TABLE photos (id INTEGER PRIMARY KEY, caption TEXT);";
                    command.ExecuteNonQuery();
                }
                break;
            case "missing sweep file":
                File.Delete(sweep);
                break;
            case "sweep path is a folder":
                File.Delete(sweep);
                Directory.CreateDirectory(sweep);
                break;
            case "bad sweep file":
                File.WriteAllText(sweep, "sweep: {name: smoke}\nbase:\n  model: {latent: -4}\n");
                break;
            default:
                // Option errors need a real store, as the one a finished sweep leaves.
                using (Core.Storage.Store.Open(store)) { }
                break;
        }
        return (store, sweep);
    }

    private static string Snapshot(string path) =>
        Directory.Exists(path) ? "folder: " + string.Join(",", Directory.EnumerateFileSystemEntries(path))
        : File.Exists(path) ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))
        : "absent";
}
