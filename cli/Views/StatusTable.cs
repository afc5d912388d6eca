using Spectre.Console;
using VaeSweep.Core.Runs;

namespace VaeSweep.Cli.Views;

/// <summary>`vaesweep status` on a terminal: a table as wide as the terminal, the last column (axes, reason,
/// holder) wrapping, the others kept whole.</summary>
public static class StatusTable
{
    public static void Write(IAnsiConsole console, string sweepName, IReadOnlyDictionary<RunState, int> counts,
        IEnumerable<StatusRow> rows)
    {
        console.WriteLine(StatusText.Summary(sweepName, counts));
        var table = new Table().Border(TableBorder.Simple).Collapse();
        table.AddColumn(new TableColumn("run").NoWrap());
        table.AddColumn(new TableColumn("state").NoWrap());
        table.AddColumn(new TableColumn("epochs").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("log p(x)").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("axes / reason"));
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
