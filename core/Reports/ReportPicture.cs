namespace VaeSweep.Core.Reports;

/// <summary>A picture a run produced, with its PNG bytes when the file could be read.</summary>
/// <param name="Png">Null when the file is missing: the report says so instead of failing.</param>
public sealed record ReportPicture(string Kind, string Path, byte[]? Png);
