using System.Text;

namespace VaeSweep.Core.Reports;

/// <summary>Writes a report file whole: to a temporary file first, so a failed render never leaves half a report.</summary>
public static class ReportFile
{
    public static void Write(string path, Action<TextWriter> render)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + ".partial";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false)))
            {
                render(writer);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary)) File.Delete(temporary);
            throw new ReportException($"cannot write the report to {full}: {e.Message}");
        }
    }
}
