using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Scheduling;

namespace VaeSweep.Cli.Views;

/// <summary>
/// The live view's picture of a sweep at one poll: a line of counts and time, then a table of the runs held now
/// (epoch, loss, k, time left). Columns give way as the terminal narrows: the axes first, then k and time left,
/// so the run key and its epoch stay readable down to 40 columns.
/// </summary>
public static class SweepTable
{
    public static IRenderable Build(SweepSnapshot s, int width)
    {
        var header = new Text(Header(s)) { Overflow = Overflow.Ellipsis };
        if (s.Active.Count == 0) return header;
        var wide = width >= 72;
        var medium = width >= 52;
        var table = new Table().Border(TableBorder.Simple).Collapse();
        table.AddColumn(new TableColumn("run").NoWrap());
        if (wide) table.AddColumn(new TableColumn("axes"));
        table.AddColumn(new TableColumn("epoch").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("loss").RightAligned().NoWrap());
        if (medium)
        {
            table.AddColumn(new TableColumn("k").RightAligned().NoWrap());
            table.AddColumn(new TableColumn("left").RightAligned().NoWrap());
        }
        foreach (var run in s.Active)
        {
            var cells = new List<IRenderable> { new Text(run.RunKey) };
            if (wide) cells.Add(new Text(run.Axes) { Overflow = Overflow.Ellipsis });
            cells.Add(new Text(run.State == RunState.Evaluating ? "evaluating" : $"{run.EpochsDone}/{run.Epochs}"));
            cells.Add(new Text(run.LastEpoch is { } e ? EventText.Metric(e.TrainLoss) : ""));
            if (medium)
            {
                cells.Add(new Text(run.LastEpoch is { } k ? k.K.ToString(CultureInfo.InvariantCulture) : ""));
                cells.Add(new Text(run.Remaining is { } left ? EventText.Duration(left) : ""));
            }
            table.AddRow(cells);
        }
        return new Rows(header, table);
    }

    public static string Header(SweepSnapshot s)
    {
        var failed = s.Failed > 0 ? $" ({s.Failed} failed)" : "";
        var left = s.Remaining is { } r ? $", about {EventText.Duration(r)} left" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"runs {s.Done}/{s.Total} done{failed}; epochs {s.EpochsDone}/{s.TotalEpochs}; elapsed {EventText.Duration(s.Elapsed)}{left}");
    }
}
