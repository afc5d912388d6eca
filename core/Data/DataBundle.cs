namespace VaeSweep.Core.Data;

/// <summary>A loaded data set: its three splits, the image shape, and whether the pixels are already 0/1.</summary>
public sealed record DataBundle(
    string Name,
    DataSplit Train,
    DataSplit Validation,
    DataSplit Test,
    int Height,
    int Width,
    bool IsBinary)
{
    public int Dim => Height * Width;
}
