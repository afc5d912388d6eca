namespace VaeSweep.Core.Tensors;

public enum DeviceType { Cpu = 0, Cuda = 1 }

/// <summary>Where a tensor lives: "cpu", "cuda" (= cuda:0) or "cuda:N", as PyTorch spells it.</summary>
public readonly record struct Device(DeviceType Type, int Index = 0)
{
    public static readonly Device Cpu = new(DeviceType.Cpu);

    public bool IsCuda => Type == DeviceType.Cuda;

    public static Device Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t == "cpu") return Cpu;
        if (t == "cuda") return new Device(DeviceType.Cuda);
        if (t.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(t.AsSpan(5), out var index) && index >= 0)
            return new Device(DeviceType.Cuda, index);
        throw new FormatException($"'{text}' is not a device (use cpu, cuda or cuda:N)");
    }

    public override string ToString() => IsCuda ? $"cuda:{Index}" : "cpu";
}
