using Spectre.Console;

namespace VaeSweep.Cli.Views;

/// <summary>The look of every table the terminal views draw: no frame, a dim header, two spaces between columns
/// and none at the edges, so a narrow terminal gives its columns to the text.</summary>
public static class TableStyle
{
    public static Table Compact() => new Table().Border(TableBorder.None).Collapse();

    /// <summary>A column that keeps its cells on one line; text too long for it ends in an ellipsis.</summary>
    public static TableColumn Column(string header) =>
        new TableColumn(new Text(header, new Style(decoration: Decoration.Dim))).NoWrap().Padding(0, 0, 2, 0);
}
