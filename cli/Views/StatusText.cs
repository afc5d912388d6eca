using VaeSweep.Core.Runs;

namespace VaeSweep.Cli.Views;

/// <summary>`vaesweep status` off a terminal: fixed columns, one line per run, for grep and scripts.</summary>
public static class StatusText
{
    public static void Write(TextWriter output, string sweepName, IReadOnlyDictionary<RunState, int> counts,
        IEnumerable<StatusRow> rows)
    {
        output.WriteLine(Summary(sweepName, counts));
        output.WriteLine($"  {"run",-16} {"state",-10} {"epochs",6} {"log p(x)",10}  axes / reason");
        foreach (var r in rows)
            output.WriteLine($"  {r.Run,-16} {r.State,-10} {r.Epochs,6} {r.LogLikelihood,10}  {r.Detail}");
    }

    /// <summary>The sweep's name and how many runs are in each state (stopped only in a sweep that halving stopped
    /// runs of).</summary>
    public static string Summary(string sweepName, IReadOnlyDictionary<RunState, int> counts) =>
        $"sweep '{sweepName}': " + string.Join(", ",
            Enum.GetValues<RunState>().Where(s => s != RunState.Stopped || counts.GetValueOrDefault(s) > 0)
                .Select(s => $"{counts.GetValueOrDefault(s)} {EventText.StateName(s)}"));
}
