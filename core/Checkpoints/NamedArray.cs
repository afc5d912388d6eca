using System.Runtime.InteropServices;

namespace VaeSweep.Core.Checkpoints;

/// <summary>One tensor's bytes as stored in a safetensors file: name, dtype code ("F32", "U8"), shape, data.</summary>
public sealed record NamedArray(string Name, string DType, long[] Shape, byte[] Bytes)
{
    public static NamedArray Float32(string name, long[] shape, float[] values) =>
        new(name, "F32", shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public static NamedArray UInt8(string name, byte[] values) => new(name, "U8", [values.Length], values);

    public float[] AsFloat32()
    {
        if (DType != "F32") throw new CheckpointException($"tensor '{Name}' is {DType}, not F32");
        return MemoryMarshal.Cast<byte, float>(Bytes).ToArray();
    }

    public static int ElementSize(string dtype) => dtype switch
    {
        "F64" or "I64" => 8,
        "F32" or "I32" => 4,
        "F16" or "BF16" or "I16" => 2,
        "U8" or "I8" or "BOOL" => 1,
        _ => throw new CheckpointException($"unsupported safetensors dtype {dtype}"),
    };
}
