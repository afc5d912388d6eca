using VaeSweep.Core.Scheduling.Slurm;
using VaeSweep.Tests.Commands;

namespace VaeSweep.Tests.Scheduling;

/// <summary>
/// The sbatch script of a job array against golden files, and the settings it refuses. To accept a deliberate
/// change, copy the <c>.actual</c> file written beside the golden one.
/// </summary>
public sealed class SbatchScriptTests
{
    internal static readonly SlurmJob Smoke = new(
        ["/opt/dotnet/dotnet", "/opt/vaesweep/vaesweep.dll"], "smoke", "/shared/runs/smoke.db", "cpu", Threads: 1, Pack: 1,
        Lease: TimeSpan.FromSeconds(60), Tasks: 4, Slots: 2, Partition: null, Gres: null, Time: null,
        WorkingDirectory: "/home/ada/sweeps");

    public static TheoryData<string, SlurmJob> Jobs => new()
    {
        { "smoke.sbatch", Smoke },
        {
            "gpu.sbatch", Smoke with
            {
                Command = ["/opt/vaesweep/vaesweep"], StorePath = "/shared/sweeps/beta.db", Device = "cuda:0",
                Threads = 4, Pack = 64, Lease = TimeSpan.FromSeconds(90), Tasks = 7, Slots = 3, Partition = "gpu",
                Gres = "gpu:a100:1", Time = "1-04:00:00", SweepName = "beta",
            }
        },
    };

    [Theory]
    [MemberData(nameof(Jobs))]
    public void Script_matches_golden_file(string golden, SlurmJob job)
    {
        var goldenPath = Config.RepoPaths.Combine("tests", "Scheduling", "golden", golden);

        var actual = SbatchScript.Write(job);

        var expected = File.Exists(goldenPath) ? File.ReadAllText(goldenPath) : "";
        if (expected != actual) File.WriteAllText(goldenPath + ".actual", actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_quoted_path_reads_back_as_the_same_word_in_bash()
    {
        var job = Smoke with { Command = ["/opt/it's $HOME `x`; y/dotnet", "/opt/vaesweep.dll"] };
        var line = SbatchScript.Write(job).Split('\n').Single(l => l.Contains(" worker "));
        var words = line[..line.IndexOf(" --name", StringComparison.Ordinal)];

        var (code, printed) = Bash($"printf '%s\\n' {words}");

        Assert.Equal(0, code);
        Assert.Equal(job.Command[0], printed.Split('\n')[0]);
    }

    [Theory]
    [InlineData("slots", "--slots must be a positive integer (got 0)")]
    [InlineData("time", "--time must be HH:MM:SS or D-HH:MM:SS, such as 04:00:00 (got '4h')")]
    [InlineData("gres", "--gres must look like gpu:1 or gpu:a100:2 (got 'gpu:1\n#SBATCH --x')")]
    [InlineData("partition", "--partition must be a Slurm partition name such as gpu or short (got 'gpu short')")]
    [InlineData("folder", "Slurm cannot take a folder with blanks or quotes in an #SBATCH line (/home/ada/my sweeps); move the store or run from another folder")]
    public void A_bad_setting_is_refused_with_one_line(string setting, string message)
    {
        var job = setting switch
        {
            "slots" => Smoke with { Slots = 0 },
            "time" => Smoke with { Time = "4h" },
            "gres" => Smoke with { Gres = "gpu:1\n#SBATCH --x" },
            "partition" => Smoke with { Partition = "gpu short" },
            _ => Smoke with { WorkingDirectory = "/home/ada/my sweeps" },
        };

        var e = Assert.Throws<ArgumentException>(() => SbatchScript.Write(job));

        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("host:4242:slurm-981_3", "981_3")]
    [InlineData("host:4242:w0", null)]
    [InlineData("host:4242:slurm-", null)]
    public void A_lease_owner_names_its_Slurm_task(string owner, string? job) => Assert.Equal(job, SlurmOwner.JobOf(owner));

    [Fact]
    public void Dry_run_prints_the_script_and_writes_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("vaesweep-sbatch-");
        try
        {
            var store = Path.Combine(folder.FullName, "smoke.db");
            var (code, output, error) = CliRunner.Run("run", Config.RepoPaths.Combine("configs", "smoke.yaml"),
                "--store", store, "--launcher", "slurm", "--slots", "3", "--time", "00:10:00", "--dry-run");

            Assert.Equal((0, ""), (code, error));
            // The 4 runs of smoke.yaml fit one pack of the CPU's default 8: a task per slot, no more.
            Assert.Contains("#SBATCH --array=0-2%3\n", output);
            Assert.Contains(" --pack 8 ", output);
            Assert.Contains("#SBATCH --time=00:10:00\n", output);
            Assert.Contains($" worker --store {store} --sweep smoke ", output);
            Assert.Empty(folder.EnumerateFileSystemInfos());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    internal static (int Code, string Output) Bash(string command)
    {
        var info = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
