using System.Diagnostics;
using System.Globalization;

namespace VaeSweep.Core.Scheduling.Slurm;

/// <summary>Submits an sbatch script with Slurm's own client, <c>sbatch</c>, found on PATH.</summary>
public static class SlurmSubmitter
{
    /// <summary>The sbatch executable on PATH.</summary>
    /// <exception cref="SlurmUnavailableException">There is none.</exception>
    public static string FindSbatch()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, "sbatch");
            if (File.Exists(candidate)) return candidate;
        }
        throw new SlurmUnavailableException(
            "--launcher slurm: sbatch is not on PATH; run on a Slurm login node (or install slurm-client), " +
            "or use --launcher process");
    }

    /// <summary>
    /// Keeps the script in the job's log folder (runs/SWEEP/slurm/submit-TIME.sh, a record of what was asked) and
    /// submits it.
    /// </summary>
    /// <returns>The array's job id and the script's path.</returns>
    /// <exception cref="SlurmUnavailableException">sbatch refused the job; the message carries its reason.</exception>
    public static (string JobId, string ScriptPath) Submit(string sbatch, SlurmJob job, string script, string? storePassword = null)
    {
        Directory.CreateDirectory(job.LogFolder);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture);
        var scriptPath = Path.Combine(job.LogFolder, $"submit-{stamp}.sh");
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
        info.ArgumentList.Add(scriptPath);
        using var process = Process.Start(info)!;
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        var stdout = stdoutTask.Result;
        process.WaitForExit();
        // --parsable prints "JOBID" or "JOBID;CLUSTER".
        var jobId = stdout.Trim().Split(';')[0];
        if (process.ExitCode != 0 || jobId.Length == 0 || !jobId.All(char.IsAsciiDigit))
        {
            var reason = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .LastOrDefault() ?? $"exit code {process.ExitCode}";
            // The script is kept only for a job that exists.
            File.Delete(scriptPath);
            throw new SlurmUnavailableException($"sbatch refused the job: {reason}");
        }
        return (jobId, scriptPath);
    }
}
