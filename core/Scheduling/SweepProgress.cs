using System.Diagnostics;
using System.Globalization;
using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;

namespace VaeSweep.Core.Scheduling;

/// <summary>
/// Progress of a sweep read from its store, so it shows the same whichever process does the work. On a terminal it
/// redraws a block in place (runs done/total with ETA, then one line per run in progress with its epoch and loss);
/// otherwise it prints a plain line whenever something changed.
/// </summary>
public sealed class SweepProgress(Store store, long sweepId, TextWriter output, bool terminal)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Dictionary<string, int> epochsByRun = [];
    private int? epochsAtStart;
    private int linesDrawn;
    private string lastPlain = "";

    public void Update()
    {
        var runs = store.Runs(sweepId);
        var done = runs.Count(r => r.State is RunState.Completed or RunState.Failed or RunState.Diverged);
        var failed = runs.Count(r => r.State is RunState.Failed or RunState.Diverged);
        var totalEpochs = 0;
        var epochsDone = 0;
        foreach (var r in runs)
        {
            var planned = PlannedEpochs(r);
            totalEpochs += planned;
            epochsDone += r.State.IsTerminal() ? planned : (r.LatestEpoch ?? -1) + 1;
        }
        epochsAtStart ??= epochsDone;
        var lines = new List<string> { Header(runs.Count, done, failed, epochsDone, totalEpochs) };
        foreach (var r in runs.Where(r => r.State is RunState.Running or RunState.Evaluating && r.LeaseOwner is not null))
            lines.Add("  " + Describe(r));
        Draw(lines);
    }

    private string Header(int total, int done, int failed, int epochsDone, int totalEpochs)
    {
        var eta = "";
        var progressed = epochsDone - epochsAtStart!.Value;
        if (progressed > 0 && epochsDone < totalEpochs)
        {
            var remaining = clock.Elapsed.TotalSeconds / progressed * (totalEpochs - epochsDone);
            eta = $", ETA {Duration(remaining)}";
        }
        var failures = failed > 0 ? $", {failed} failed" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"runs {done}/{total} done{failures}; epochs {epochsDone}/{totalEpochs}; elapsed {Duration(clock.Elapsed.TotalSeconds)}{eta}");
    }

    private string Describe(RunRow r)
    {
        var epochs = PlannedEpochs(r);
        if (r.State == RunState.Evaluating) return $"{r.RunKey} {AxesText(r)}: evaluating";
        var last = r.LatestEpoch is null ? null : store.Epochs(r.RunKey).LastOrDefault();
        var loss = last is null ? "" : string.Create(CultureInfo.InvariantCulture, $", loss {last.TrainLoss:F2}, k {last.K}");
        return $"{r.RunKey} {AxesText(r)}: epoch {Math.Min((r.LatestEpoch ?? -1) + 2, epochs)}/{epochs}{loss}";
    }

    private static string AxesText(RunRow r)
    {
        var text = Scheduling.AxesText.Describe(r.AxesJson, ", ");
        return text.Length == 0 ? "" : $"({text})";
    }

    private int PlannedEpochs(RunRow r)
    {
        if (!epochsByRun.TryGetValue(r.RunKey, out var n))
            epochsByRun[r.RunKey] = n = r.Config.Training.Epochs;
        return n;
    }

    private void Draw(List<string> lines)
    {
        if (!terminal)
        {
            var text = string.Join(Environment.NewLine, lines);
            if (text == lastPlain) return;
            lastPlain = text;
            output.WriteLine(lines[0]);
            foreach (var line in lines.Skip(1)) output.WriteLine(line);
            return;
        }
        // Move up over the previous block and rewrite it, clearing each line's leftovers.
        if (linesDrawn > 0) output.Write($"\u001b[{linesDrawn}A");
        foreach (var line in lines) output.Write($"\r\u001b[2K{line}\n");
        for (var i = lines.Count; i < linesDrawn; i++) output.Write("\r\u001b[2K\n");
        if (linesDrawn > lines.Count) output.Write($"\u001b[{linesDrawn - lines.Count}A");
        linesDrawn = lines.Count;
        output.Flush();
    }

    private static string Duration(double seconds) =>
        seconds < 60 ? $"{seconds:F0}s" : seconds < 3600 ? $"{(int)(seconds / 60)}m{(int)(seconds % 60):D2}s"
            : $"{(int)(seconds / 3600)}h{(int)(seconds % 3600 / 60):D2}m";
}
