using Spectre.Console;
using VaeSweep.Core.Runs;

namespace VaeSweep.Cli.Views;

/// <summary>`vaesweep status` on a terminal: a table as wide as the terminal, the last column (axes, reason,
/// holder) wrapping, the others kept whole.</summary>
public static class StatusTable
{
    /// <summary>Below this width the reason column would be too narrow to read: each run's detail goes on an
    /// indented line of its own instead.</summary>
    public const int TableWidth = 78;

    public static void Write(IAnsiConsole console, string sweepName, IReadOnlyDictionary<RunState, int> counts,
        IEnumerable<StatusRow> rows)
    {
        console.WriteLine(StatusText.Summary(sweepName, counts));
        if (console.Profile.Width < TableWidth)
        {
            foreach (var r in rows)
            {
                var ll = r.LogLikelihood.Length > 0 ? $", log p(x) {r.LogLikelihood}" : "";
                var epochs = r.Epochs.Length > 0 ? $", {r.Epochs} epochs" : "";
                console.Write(new Paragraph($"{r.Run} ").Append(r.State, StateStyle(r.State)).Append(epochs + ll + "\n"));
                console.Write(new Padder(new Text(r.Detail), new Padding(4, 0, 0, 0)));
            }
            return;
        }
        var table = TableStyle.Compact();
        table.AddColumn(TableStyle.Column("run"));
        table.AddColumn(TableStyle.Column("state"));
        table.AddColumn(TableStyle.Column("epochs").RightAligned());
        table.AddColumn(TableStyle.Column("log p(x)").RightAligned());
        table.AddColumn(new TableColumn(new Text("axes / reason", new Style(decoration: Decoration.Dim))));
        foreach (var r in rows)
            table.AddRow(new Text(r.Run), new Text(r.State, StateStyle(r.State)), new Text(r.Epochs),
                new Text(r.LogLikelihood), new Text(r.Detail));
        console.Write(table);
    }

    private static Style StateStyle(string state) => state switch
    {
        "completed" => new Style(Color.Green),
        "failed" or "diverged" => new Style(Color.Red),
        "running" or "evaluating" => new Style(Color.Yellow),
        _ => Style.Plain,
    };
}
