namespace VaeSweep.Tests.Data;

/// <summary>
/// A fact that xunit reports as skipped (not passed) when the real data it needs is absent. xunit 2 has no
/// run-time skip, but an attribute may set Skip in its constructor.
/// </summary>
public sealed class FactWhenAttribute : FactAttribute
{
    public FactWhenAttribute(string need)
    {
        bool present = need switch
        {
            "fashion-mnist" => File.Exists(Path.Combine(TestPaths.FashionMnist, "t10k-labels-idx1-ubyte.gz")),
            "mnist-sample" => TestPaths.MnistSampleSource() is not null,
            _ => throw new ArgumentException($"unknown need '{need}'"),
        };
        if (!present) Skip = $"{need} data is not on this machine";
    }
}
