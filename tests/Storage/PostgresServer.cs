using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace VaeSweep.Tests.StoreTests;

/// <summary>
/// A real PostgreSQL server for the tests: initdb into a temporary folder, postgres on a free port of 127.0.0.1
/// with password (SCRAM) authentication, stopped and deleted at the end. As root it runs as the `postgres` user,
/// which the server demands. One per test class; each test takes a fresh database from <see cref="NewDatabase"/>.
/// When it cannot start, the tests fail with the reason (never skip: CI must not pass without the server).
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string User = "vaesweep";
    public const string Password = "contract-test";
    private static readonly string Bin = Environment.GetEnvironmentVariable("VAESWEEP_PG_BIN") ?? "/usr/lib/postgresql/15/bin";

    private readonly string _folder;

    public PostgresServer()
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")))
            throw new InvalidOperationException($"PostgreSQL is not installed ({Bin}/initdb missing): apt-get install postgresql (scripts/setup.sh ensure_test_tools)");
        _folder = Directory.CreateTempSubdirectory("vaesweep-pg-").FullName;
        Port = FreePort();
        File.WriteAllText(Path.Combine(_folder, "pw"), Password);
        if (Environment.UserName == "root") Exec("chown", "-R", "postgres", _folder);
        Server("initdb", "-D", Data, "-U", User, $"--pwfile={Path.Combine(_folder, "pw")}", "--auth-host=scram-sha-256",
            "--auth-local=trust", "-E", "UTF8", "--no-sync");
        Server("pg_ctl", "-D", Data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "-o",
            $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100", "start");
    }

    public int Port { get; }

    private string Data => Path.Combine(_folder, "data");

    /// <summary>A URL of a new, empty database on the server.</summary>
    public string NewDatabase()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        using var connection = Connect("postgres");
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return Url(name);
    }

    public string Url(string database, string password = Password) =>
        $"postgresql://{User}:{password}@127.0.0.1:{Port}/{database}";

    public NpgsqlConnection Connect(string database)
    {
        var connection = new NpgsqlConnection(
            $"Host=127.0.0.1;Port={Port};Username={User};Password={Password};Database={database};Pooling=false");
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            Server("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Server(string tool, params string[] args)
    {
        if (Environment.UserName == "root")
            Exec("runuser", ["-u", "postgres", "--", Path.Combine(Bin, tool), .. args]);
        else
            Exec(Path.Combine(Bin, tool), args);
    }

    private void Exec(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_folder, "server.log");
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}{stdout.Result}" +
                (File.Exists(log) ? File.ReadAllText(log) : ""));
        }
    }
}
