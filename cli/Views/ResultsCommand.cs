namespace VaeSweep.Cli.Views;

/// <summary>The command line that shows a store's results, ready to paste into a shell.</summary>
public static class ResultsCommand
{
    public static string For(string storePath) => $"vaesweep report {ShellWord(storePath)}";

    /// <summary>The path as it is when the shell would read it as one word unchanged; else in single quotes.</summary>
    private static string ShellWord(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+,:=@%".Contains(c))
            ? text
            : "'" + text.Replace("'", "'\\''") + "'";
}
