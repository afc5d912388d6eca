using VaeSweep.Core.Scheduling.Slurm;
using VaeSweep.Tests.Commands;

namespace VaeSweep.Tests.Scheduling;

/// <summary>
/// The two scripts of a sweep in parts (`run --launcher slurm --parts`), the array's and the merge job's, against
/// golden files (to accept a deliberate change, copy the <c>.actual</c> file written beside the golden one), and
/// what the shell makes of them.
/// </summary>
public sealed class SbatchPartsTests
{
    private static readonly SlurmJob Parts = SbatchScriptTests.Smoke with
    {
        Tasks = 3, Partition = "short", Time = "00:30:00", Parts = true, PartsDir = "/local/scratch",
    };

    [Theory]
    [InlineData("parts.sbatch")]
    [InlineData("parts-merge.sbatch")]
    public void Scripts_match_golden_files(string golden)
    {
        var goldenPath = Config.RepoPaths.Combine("tests", "Scheduling", "golden", golden);

        var actual = golden == "parts.sbatch" ? SbatchScript.Write(Parts) : SbatchScript.WriteMerge(Parts);

        var expected = File.Exists(goldenPath) ? File.ReadAllText(goldenPath) : "";
        if (expected != actual) File.WriteAllText(goldenPath + ".actual", actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Each_task_reads_its_own_part_as_one_word_in_bash()
    {
        // #SBATCH lines take no blanks or quotes, but a script line must keep $ and parentheses as they are.
        var job = Parts with { StorePath = "/shared/$HOME(1)/smoke.db" };
        var line = SbatchScript.Write(job).Split('\n').Single(l => l.Contains(" worker "));
        var words = line[line.IndexOf(" --part ", StringComparison.Ordinal)..line.IndexOf(" --sweep", StringComparison.Ordinal)];

        var (code, printed) = SbatchScriptTests.Bash($"SLURM_ARRAY_TASK_ID=2; printf '%s\\n' {words}");

        Assert.Equal(0, code);
        Assert.Equal(["--part", "/shared/$HOME(1)/smoke/slurm/parts/part-2.db", "--files-beside", "/shared/$HOME(1)/smoke.db"],
            printed.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void The_merge_job_names_every_part_of_the_array_and_clears_the_manifest_only_after_a_merge()
    {
        var script = SbatchScript.WriteMerge(Parts with { Tasks = 5 });
        var line = script.Split('\n').Single(l => l.Contains(" merge "));

        Assert.Equal(Enumerable.Range(0, 5).Select(i => SweepParts.PartPath("/shared/runs/smoke.db", i)),
            line.Split(' ').Where(w => w.EndsWith(".db", StringComparison.Ordinal)).Skip(1));
        Assert.EndsWith($" && rm -f {SweepParts.ManifestPath("/shared/runs/smoke.db")}", line);
    }

    [Fact]
    public void A_relative_parts_dir_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => SbatchScript.Write(Parts with { PartsDir = "scratch" }));

        Assert.Equal("--parts-dir must be an absolute path on every node, such as /local/scratch (got 'scratch')", e.Message);
    }

    [Fact]
    public void Dry_run_prints_both_scripts_and_writes_nothing()
    {
        using var folder = new Data.TempFolder();
        var store = folder.File("smoke.db");

        var (code, output, error) = CliRunner.Run("run", Config.RepoPaths.Combine("configs", "smoke.yaml"),
            "--store", store, "--launcher", "slurm", "--parts", "--slots", "3", "--dry-run");

        Assert.Equal((0, ""), (code, error));
        // The 4 runs of smoke.yaml form two packs (latent 2 and 4); three slots split one of them: three parts.
        Assert.Contains("#SBATCH --array=0-2%3\n", output);
        Assert.Contains($" worker --part {folder.Path}/smoke/slurm/parts/part-\"${{SLURM_ARRAY_TASK_ID}}.db\" --files-beside {store} ", output);
        Assert.Contains("# merge job, submitted with --dependency=afterany:<the array's job id>\n", output);
        Assert.Contains($" merge {store} {folder.Path}/smoke/slurm/parts/part-0.db ", output);
        Assert.Contains("part-2.db && rm -f ", output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public void A_local_run_is_refused_while_runs_are_out_in_parts()
    {
        using var folder = new Data.TempFolder();
        var store = folder.File("smoke.db");
        new SweepParts("smoke", "4711", "4712", [["a"], ["b"]]).Write(store);
        var before = Directory.EnumerateFileSystemEntries(folder.Path, "*", SearchOption.AllDirectories).Order().ToList();

        var (code, _, error) = CliRunner.Run("run", Config.RepoPaths.Combine("configs", "smoke.yaml"), "--store", store, "--in-process");

        Assert.Equal(Cli.ExitCodes.StoreError, code);
        Assert.Equal($"error: store {store} has runs out in parts (Slurm job 4711); wait for its merge job, or, once squeue " +
                     "lists none of its jobs, submit `run --launcher slurm --parts` again to bring them back", error.TrimEnd('\n'));
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(folder.Path, "*", SearchOption.AllDirectories).Order());
    }
}
