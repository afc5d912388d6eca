namespace VaeSweep.Core.Reports;

/// <summary>Formats a finished model; renderers read nothing but the model.</summary>
public interface IReportRenderer
{
    void Render(ReportModel model, TextWriter output);
}
