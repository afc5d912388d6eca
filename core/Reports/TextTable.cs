namespace VaeSweep.Core.Reports;

/// <summary>A titled table of display text, shared by the terminal, Markdown and HTML renderers.</summary>
/// <param name="RightAligned">Per column: numbers align right.</param>
/// <param name="Notes">Lines printed under the table (what cells pool over, what was left out).</param>
public sealed record TextTable(
    string Title,
    IReadOnlyList<string> Headers,
    IReadOnlyList<bool> RightAligned,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<string> Notes);
