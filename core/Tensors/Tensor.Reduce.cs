using static VaeSweep.Core.Tensors.NativeMethods;

namespace VaeSweep.Core.Tensors;

// Reductions, linear algebra and shape ops. Dimensions may be negative, counted from the end, as in PyTorch.
public sealed partial class Tensor
{
    public Tensor sum() => Native.Wrap(vs_sum(Handle, [], 0, 0, out var r), r);
    public Tensor sum(long dim, bool keepdim = false) => sum([dim], keepdim);
    public Tensor sum(long[] dims, bool keepdim = false) =>
        Native.Wrap(vs_sum(Handle, dims, dims.Length, keepdim ? 1 : 0, out var r), r);

    public Tensor mean() => Native.Wrap(vs_mean(Handle, [], 0, 0, out var r), r);
    public Tensor mean(long dim, bool keepdim = false) => mean([dim], keepdim);
    public Tensor mean(long[] dims, bool keepdim = false) =>
        Native.Wrap(vs_mean(Handle, dims, dims.Length, keepdim ? 1 : 0, out var r), r);

    public Tensor var(long dim, bool unbiased = true, bool keepdim = false) =>
        Native.Wrap(vs_var(Handle, [dim], 1, unbiased ? 1 : 0, keepdim ? 1 : 0, out var r), r);

    public Tensor logsumexp(long dim, bool keepdim = false) =>
        Native.Wrap(vs_logsumexp(Handle, dim, keepdim ? 1 : 0, out var r), r);

    public Tensor amax(long dim, bool keepdim = false) => Native.Wrap(vs_amax(Handle, dim, keepdim ? 1 : 0, out var r), r);

    public Tensor argmax(long dim, bool keepdim = false) =>
        Native.Wrap(vs_argmax(Handle, dim, keepdim ? 1 : 0, out var r), r);

    /// <summary>The <paramref name="k"/> largest values along <paramref name="dim"/>, largest first (values only).</summary>
    public Tensor topk(long k, long dim) => Native.Wrap(vs_topk(Handle, k, dim, out var r), r);

    public Tensor tril(long diagonal = 0) => Native.Wrap(vs_tril(Handle, diagonal, out var r), r);

    public Tensor diagonal(long offset = 0, long dim1 = -2, long dim2 = -1) =>
        Native.Wrap(vs_diagonal(Handle, offset, dim1, dim2, out var r), r);

    public Tensor diag_embed() => Native.Wrap(vs_diag_embed(Handle, out var r), r);

    public Tensor reshape(params long[] dims) => Native.Wrap(vs_reshape(Handle, dims, dims.Length, out var r), r);
    public Tensor unsqueeze(long dim) => Native.Wrap(vs_unsqueeze(Handle, dim, out var r), r);
    public Tensor squeeze(long dim) => Native.Wrap(vs_squeeze(Handle, dim, out var r), r);
    public Tensor expand(params long[] dims) => Native.Wrap(vs_expand(Handle, dims, dims.Length, out var r), r);
    public Tensor permute(params long[] dims) => Native.Wrap(vs_permute(Handle, dims, dims.Length, out var r), r);
    public Tensor transpose(long dim0, long dim1) => Native.Wrap(vs_transpose(Handle, dim0, dim1, out var r), r);
    public Tensor t() => transpose(0, 1);
    public Tensor narrow(long dim, long start, long length) =>
        Native.Wrap(vs_narrow(Handle, dim, start, length, out var r), r);
    public Tensor index_select(long dim, Tensor index) =>
        Native.Wrap(vs_index_select(Handle, dim, index.Handle, out var r), r);
}
