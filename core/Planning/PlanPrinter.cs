using VaeSweep.Core.Config;
using System.Text;

namespace VaeSweep.Core.Planning;

/// <summary>Renders a plan as a plain-text table (what <c>vaesweep plan</c> prints): one row per run, one column per axis,
/// and each run's number of trainable parameters.</summary>
public static class PlanPrinter
{
    private const string Gap = "  ";

    /// <param name="storePath">The store the plan is compared with (<c>plan --store</c>); the sweep's own by default.</param>
    /// <param name="packs">The packs the runs would train in: a "pack" column and a closing line; none when null.</param>
    public static string Render(Plan plan, string? storePath = null, PackPlan? packs = null)
    {
        var sweep = plan.Sweep;
        var paths = sweep.Axes.Select(a => a.Path).ToList();
        var header = new List<string> { "#", "run key" };
        header.AddRange(paths);
        header.Add(ParameterCount.Header);
        if (packs is not null) header.Add("pack");
        var rows = plan.Runs.Select((run, i) =>
        {
            var row = new List<string> { (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), run.Key.Value };
            row.AddRange(run.Axes.Select(a => Unquote(a.Value)));
            row.Add(ParameterCount.Display(run.Config));
            if (packs is not null) row.Add(packs.PackOfRun[i]?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-");
            return row;
        }).ToList();
        var widths = header.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToList();
        var counts = paths.Count + 2;   // numbers line up on the right

        // "\n" rather than Environment.NewLine keeps golden files identical across platforms.
        var text = new StringBuilder();
        text.Append($"sweep {sweep.Name}: {plan.Runs.Count} run{(plan.Runs.Count == 1 ? "" : "s")}");
        if (plan.Excluded > 0) text.Append($" ({plan.Excluded} excluded)");
        text.Append($", store {storePath ?? sweep.StorePath}\n");
        AppendRow(text, header, widths, counts);
        AppendRow(text, widths.Select(w => new string('-', w)).ToList(), widths, counts);
        foreach (var row in rows) AppendRow(text, row, widths, counts);
        if (packs is not null) text.Append(packs.Describe()).Append('\n');
        return text.ToString();
    }

    // Enum values display as JSON strings ("tanh"); in a table the quotes are noise unless the text needs them.
    private static string Unquote(string display) =>
        display.Length >= 2 && display[0] == '"' && display[^1] == '"' && display[1..^1].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')
            ? display[1..^1]
            : display;

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> cells, IReadOnlyList<int> widths, int rightAligned)
    {
        var line = string.Join(Gap, cells.Select((cell, c) => c == rightAligned ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c])));
        text.Append(line.TrimEnd()).Append('\n');
    }
}
