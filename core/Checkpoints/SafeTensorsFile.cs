using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VaeSweep.Core.Checkpoints;

/// <summary>
/// The safetensors format (8-byte little-endian header length, a JSON header naming each tensor's dtype, shape
/// and byte range, then the raw little-endian data), readable by PyTorch's `safetensors.torch.load_file`.
/// Checkpoints and model exports both use it, so there is one serialisation to trust.
/// </summary>
public static class SafeTensorsFile
{
    private const long MaxHeaderBytes = 100 << 20;

    public static byte[] Serialize(IReadOnlyList<NamedArray> arrays, IReadOnlyDictionary<string, string> metadata)
    {
        var header = new JsonObject();
        if (metadata.Count > 0)
        {
            var meta = new JsonObject();
            foreach (var (k, v) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) meta[k] = v;
            header["__metadata__"] = meta;
        }
        long offset = 0;
        foreach (var a in arrays)
        {
            var end = offset + a.Bytes.Length;
            header[a.Name] = new JsonObject
            {
                ["dtype"] = a.DType,
                ["shape"] = new JsonArray(a.Shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, end),
            };
            offset = end;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        // The format asks for the data to start 8-byte aligned; pad the header with spaces.
        var padded = (json.Length + 7) / 8 * 8;
        var result = new byte[8 + padded + offset];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)padded);
        json.CopyTo(result, 8);
        result.AsSpan(8 + json.Length, padded - json.Length).Fill((byte)' ');
        var position = 8 + padded;
        foreach (var a in arrays)
        {
            a.Bytes.CopyTo(result, position);
            position += a.Bytes.Length;
        }
        return result;
    }

    /// <summary>Parses a whole file's bytes; throws <see cref="CheckpointException"/> on any inconsistency.</summary>
    public static (IReadOnlyList<NamedArray> Arrays, IReadOnlyDictionary<string, string> Metadata) Deserialize(
        byte[] bytes, string displayName)
    {
        if (bytes.Length < 8) throw new CheckpointException($"{displayName}: too short to be a safetensors file");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderBytes || 8 + (long)headerLength > bytes.Length)
            throw new CheckpointException($"{displayName}: header length {headerLength} does not fit the file ({bytes.Length} bytes)");
        JsonObject header;
        try
        {
            header = JsonNode.Parse(bytes.AsSpan(8, (int)headerLength)) as JsonObject
                ?? throw new CheckpointException($"{displayName}: header is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{displayName}: header is not valid JSON ({e.Message})");
        }
        var dataStart = 8 + (long)headerLength;
        var metadata = new Dictionary<string, string>();
        var arrays = new List<NamedArray>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                foreach (var (k, v) in node!.AsObject()) metadata[k] = v!.GetValue<string>();
                continue;
            }
            var entry = node!.AsObject();
            var dtype = entry["dtype"]!.GetValue<string>();
            var shape = entry["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
            var offsets = entry["data_offsets"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
            var expected = shape.Aggregate(1L, (x, y) => x * y) * NamedArray.ElementSize(dtype);
            if (offsets.Length != 2 || offsets[1] - offsets[0] != expected || dataStart + offsets[1] > bytes.Length)
                throw new CheckpointException($"{displayName}: tensor '{name}' has inconsistent offsets");
            var data = bytes.AsSpan((int)(dataStart + offsets[0]), (int)expected).ToArray();
            arrays.Add(new NamedArray(name, dtype, shape, data));
        }
        return (arrays, metadata);
    }
}
