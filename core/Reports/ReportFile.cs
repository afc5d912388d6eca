using System.Text;
using VaeSweep.Core.Platform;

namespace VaeSweep.Core.Reports;

/// <summary>Writes a report file whole: rendered in memory, then written durably, so a failed render never leaves
/// half a report.</summary>
public static class ReportFile
{
    public static void Write(string path, Action<TextWriter> render)
    {
        var full = Path.GetFullPath(path);
        var text = new StringWriter();
        render(text);
        try
        {
            DurableFile.Write(full, new UTF8Encoding(false).GetBytes(text.ToString()));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportException($"cannot write the report to {full}: {e.Message}");
        }
    }
}
