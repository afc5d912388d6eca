using System.Diagnostics;
using System.Globalization;

namespace VaeSweep.Core.Scheduling.Slurm;

/// <summary>Submits an sbatch script with Slurm's own client, <c>sbatch</c>, found on PATH.</summary>
public static class SlurmSubmitter
{
    /// <summary>The sbatch executable on PATH.</summary>
    /// <exception cref="SlurmUnavailableException">There is none.</exception>
    public static string FindSbatch() => Find("sbatch");

    /// <summary>A Slurm client (sbatch, squeue) on PATH.</summary>
    /// <exception cref="SlurmUnavailableException">There is none.</exception>
    public static string Find(string tool)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, tool);
            if (File.Exists(candidate)) return candidate;
        }
        throw new SlurmUnavailableException(
            $"--launcher slurm: {tool} is not on PATH; run on a Slurm login node (or install slurm-client), " +
            "or use --launcher process");
    }

    /// <summary>The ids among <paramref name="jobIds"/> that squeue still lists (queued, running or ending).</summary>
    public static IReadOnlyList<string> Listed(IEnumerable<string> jobIds)
    {
        var ids = jobIds.ToList();
        if (ids.Count == 0) return [];
        var (code, stdout, _) = Execute(Find("squeue"), ["--noheader", "--format=%F", $"--jobs={string.Join(',', ids)}"]);
        // squeue refuses a job id it no longer knows at all ("Invalid job id specified"): nothing of it is listed.
        if (code != 0) return [];
        var listed = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        return ids.Where(listed.Contains).ToList();
    }

    /// <summary>
    /// Keeps the script in the job's log folder (runs/SWEEP/slurm/submit-TIME.sh, a record of what was asked) and
    /// submits it.
    /// </summary>
    /// <returns>The array's job id and the script's path.</returns>
    /// <exception cref="SlurmUnavailableException">sbatch refused the job; the message carries its reason.</exception>
    /// <param name="kind">The script's name before its time stamp: submit (the array), merge (the merge job).</param>
    /// <param name="dependency">A Slurm dependency such as afterany:JOB, or null.</param>
    public static (string JobId, string ScriptPath) Submit(string sbatch, SlurmJob job, string script, string? storePassword = null,
        string kind = "submit", string? dependency = null)
    {
        Directory.CreateDirectory(job.LogFolder);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture);
        var scriptPath = Path.Combine(job.LogFolder, $"{kind}-{stamp}.sh");
        Platform.DurableFile.Write(scriptPath, System.Text.Encoding.UTF8.GetBytes(script));
        var info = new ProcessStartInfo(sbatch)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = job.WorkingDirectory,
        };
        // sbatch hands its environment to the tasks (--export=ALL, its default).
        if (storePassword is not null) info.Environment["PGPASSWORD"] = storePassword;
        info.ArgumentList.Add("--parsable");
        if (dependency is not null) info.ArgumentList.Add($"--dependency={dependency}");
        info.ArgumentList.Add(scriptPath);
        var (code, stdout, stderr) = Execute(info);
        // --parsable prints "JOBID" or "JOBID;CLUSTER".
        var jobId = stdout.Trim().Split(';')[0];
        if (code != 0 || jobId.Length == 0 || !jobId.All(char.IsAsciiDigit))
        {
            var reason = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .LastOrDefault() ?? $"exit code {code}";
            // The script is kept only for a job that exists.
            File.Delete(scriptPath);
            throw new SlurmUnavailableException($"sbatch refused the job: {reason}");
        }
        return (jobId, scriptPath);
    }

    private static (int Code, string Stdout, string Stderr) Execute(string tool, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        return Execute(info);
    }

    private static (int Code, string Stdout, string Stderr) Execute(ProcessStartInfo info)
    {
        using var process = Process.Start(info)!;
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        var stdout = stdoutTask.Result;
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr);
    }
}
