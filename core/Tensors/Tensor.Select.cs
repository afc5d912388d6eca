namespace VaeSweep.Core.Tensors;

public sealed partial class Tensor
{
    /// <summary>The index-th slice along dim, without that dimension (torch.select): a view sharing storage.</summary>
    public Tensor select(long dim, long index)
    {
        using var slice = narrow(dim, index, 1);
        return slice.squeeze(dim);
    }
}
