using System.Text;
using Spectre.Console;

namespace VaeSweep.Cli.Views;

/// <summary>
/// A TextWriter whose lines go through a Spectre console, so that what the coordinator says (the sweep's header,
/// "stopping: ...") prints above a live block instead of through it. Text is written as it is, never as markup.
/// </summary>
public sealed class ConsoleLineWriter(IAnsiConsole console) : TextWriter
{
    private readonly StringBuilder pending = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (pending)
        {
            if (value == '\r') return;
            if (value != '\n')
            {
                pending.Append(value);
                return;
            }
            console.WriteLine(pending.ToString());
            pending.Clear();
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? "") Write(c);
    }
}
