using System.Text;
using System.Text.Json;

namespace VaeSweep.Core.Reports;

/// <summary>
/// Tidy JSON: an array of records (<c>pandas.read_json(path)</c>). JSON has no NaN or infinity, so those are
/// written as the strings "NaN", "inf" and "-inf" (which <c>pandas.to_numeric</c> reads back), never as null,
/// which here means "not measured".
/// </summary>
public sealed class JsonRenderer(bool perEpoch) : IReportRenderer
{
    public void Render(ReportModel model, TextWriter output)
    {
        var (columns, rows) = TidyTable.Build(model, perEpoch);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                for (var i = 0; i < columns.Count; i++)
                {
                    writer.WritePropertyName(columns[i]);
                    Write(writer, row[i]);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        output.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        output.Write("\n");
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case double d when !double.IsFinite(d): writer.WriteStringValue(ReportNumbers.Data(d)); break;
            case double d: writer.WriteNumberValue(d); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case bool b: writer.WriteBooleanValue(b); break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }
}
