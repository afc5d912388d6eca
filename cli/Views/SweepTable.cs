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
        var wide = width >= FixedWidth + 12;
        var medium = width >= 52;
        var table = TableStyle.Compact();
        table.AddColumn(TableStyle.Column("run"));
        if (wide) table.AddColumn(TableStyle.Column("axes"));
        table.AddColumn(TableStyle.Column("epoch").RightAligned());
        table.AddColumn(TableStyle.Column("loss").RightAligned());
        if (medium)
        {
            table.AddColumn(TableStyle.Column("k").RightAligned());
            table.AddColumn(TableStyle.Column("left").RightAligned());
        }
        foreach (var run in s.Active)
        {
            var cells = new List<IRenderable> { new Text(run.RunKey.Value) };
            if (wide) cells.Add(new Text(Shorten(run.Axes, width - FixedWidth)));
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

    /// <summary>What the columns other than the axes take at most: run key, "evaluating", loss, k and time left, each
    /// with two spaces after it. The axes get the rest, on one line, so each run stays one row.</summary>
    private const int FixedWidth = 16 + 10 + 9 + 5 + 7 + 5 * 2 + 2;

    private static string Shorten(string text, int room) =>
        text.Length <= room ? text : room <= 1 ? "…" : text[..(room - 1)] + "…";

    public static string Header(SweepSnapshot s)
    {
        var failed = s.Failed > 0 ? $" ({s.Failed} failed)" : "";
        var left = s.Remaining is { } r ? $", about {EventText.Duration(r)} left" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"runs {s.Done}/{s.Total} done{failed}; epochs {s.EpochsDone}/{s.TotalEpochs}; elapsed {EventText.Duration(s.Elapsed)}{left}");
    }
}
