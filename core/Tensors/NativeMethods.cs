using System.Runtime.InteropServices;

namespace VaeSweep.Core.Tensors;

// Raw declarations, one per export of native/include/vaesweep_native.h and in the same order, with the same
// names, so an op can be followed from C# into C++ by name. Nothing outside the tensor layer calls these: every
// status they return goes through Native.Check, which turns it into a TorchException.
internal static partial class NativeMethods
{
    internal const string Lib = "vaesweep_native";

    /// <summary>The ABI this code was written against; the library's vs_abi_version() must match.</summary>
    internal const int AbiVersion = 4;

    [LibraryImport(Lib)] internal static unsafe partial int vs_abi_version();
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vs_last_error();
    [LibraryImport(Lib)] internal static unsafe partial IntPtr vs_torch_version();
    [LibraryImport(Lib)] internal static unsafe partial int vs_set_num_threads(int n);
    [LibraryImport(Lib)] internal static unsafe partial int vs_get_num_threads(out int @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_get_blas_threads(out int @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_cuda_is_available(out int @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_cuda_device_count(out int @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_cuda_synchronize(int device_index);
    [LibraryImport(Lib)] internal static unsafe partial int vs_cuda_max_memory_allocated(int device_index, out long @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_cuda_reset_peak_memory(int device_index);
    [LibraryImport(Lib)] internal static unsafe partial int vs_debug_throw_foreign();
    [LibraryImport(Lib)] internal static unsafe partial int vs_tensor_free(IntPtr t);
    [LibraryImport(Lib)] internal static unsafe partial int vs_from_data(void* data, long[] dims, int ndim, int dtype, int device_type, int device_index, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_zeros(long[] dims, int ndim, int dtype, int device_type, int device_index, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_ones(long[] dims, int ndim, int dtype, int device_type, int device_index, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_full(long[] dims, int ndim, double value, int dtype, int device_type, int device_index, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_arange(long n, int dtype, int device_type, int device_index, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_eye(long n, int dtype, int device_type, int device_index, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_randn(long[] dims, int ndim, GeneratorHandle g, int dtype, int device_type, int device_index, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_rand(long[] dims, int ndim, GeneratorHandle g, int dtype, int device_type, int device_index, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_bernoulli(TensorHandle probs, GeneratorHandle g, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_ndim(TensorHandle t, out int @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_shape(TensorHandle t, long* dims, int capacity);
    [LibraryImport(Lib)] internal static unsafe partial int vs_dtype(TensorHandle t, out int @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_device(TensorHandle t, out int device_type, out int device_index);
    [LibraryImport(Lib)] internal static unsafe partial int vs_numel(TensorHandle t, out long @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_item(TensorHandle t, out double @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_copy_to(TensorHandle t, void* dst, long nbytes);
    [LibraryImport(Lib)] internal static unsafe partial int vs_to_dtype(TensorHandle t, int dtype, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_to_device(TensorHandle t, int device_type, int device_index, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_clone(TensorHandle t, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_contiguous(TensorHandle t, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_detach(TensorHandle t, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_copy_(TensorHandle dst, TensorHandle src);
    [LibraryImport(Lib)] internal static unsafe partial int vs_zero_(TensorHandle t);
    [LibraryImport(Lib)] internal static unsafe partial int vs_fill_(TensorHandle t, double value);
    [LibraryImport(Lib)] internal static unsafe partial int vs_neg(TensorHandle a, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_exp(TensorHandle a, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_log(TensorHandle a, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_log1p(TensorHandle a, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_sqrt(TensorHandle a, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_square(TensorHandle a, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_abs(TensorHandle a, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_tanh(TensorHandle a, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_sigmoid(TensorHandle a, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_relu(TensorHandle a, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_softplus(TensorHandle a, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_log_sigmoid(TensorHandle a, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_elu(TensorHandle a, double alpha, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_leaky_relu(TensorHandle a, double slope, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_isfinite(TensorHandle a, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_all_finite(TensorHandle a, out int @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_add(TensorHandle a, TensorHandle b, double alpha, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_sub(TensorHandle a, TensorHandle b, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_mul(TensorHandle a, TensorHandle b, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_div(TensorHandle a, TensorHandle b, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_maximum(TensorHandle a, TensorHandle b, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_minimum(TensorHandle a, TensorHandle b, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_gt(TensorHandle a, TensorHandle b, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_lt(TensorHandle a, TensorHandle b, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_eq(TensorHandle a, TensorHandle b, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_where(TensorHandle cond, TensorHandle a, TensorHandle b, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_add_scalar(TensorHandle a, double s, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_mul_scalar(TensorHandle a, double s, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_rsub_scalar(TensorHandle a, double s, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_rdiv_scalar(TensorHandle a, double s, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_pow_scalar(TensorHandle a, double exponent, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_gt_scalar(TensorHandle a, double s, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_clamp(TensorHandle a, double min, double max, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_sum(TensorHandle a, long[] dims, int ndim, int keepdim, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_mean(TensorHandle a, long[] dims, int ndim, int keepdim, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_var(TensorHandle a, long[] dims, int ndim, int unbiased, int keepdim, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_logsumexp(TensorHandle a, long dim, int keepdim, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_amax(TensorHandle a, long dim, int keepdim, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_argmax(TensorHandle a, long dim, int keepdim, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_matmul(TensorHandle a, TensorHandle b, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_addmm(TensorHandle bias, TensorHandle a, TensorHandle b, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_linear(TensorHandle x, TensorHandle weight, TensorHandle bias, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_linalg_solve_triangular(TensorHandle a, TensorHandle b, int upper, int left, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_tril(TensorHandle a, long diagonal, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_diagonal(TensorHandle a, long offset, long dim1, long dim2, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_diag_embed(TensorHandle a, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_reshape(TensorHandle a, long[] dims, int ndim, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_unsqueeze(TensorHandle a, long dim, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_squeeze(TensorHandle a, long dim, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_expand(TensorHandle a, long[] dims, int ndim, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_permute(TensorHandle a, long[] dims, int ndim, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_transpose(TensorHandle a, long dim0, long dim1, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_narrow(TensorHandle a, long dim, long start, long length, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_index_select(TensorHandle a, long dim, TensorHandle index, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_cat(IntPtr[] tensors, int count, long dim, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_binary_cross_entropy_with_logits(TensorHandle logits, TensorHandle target, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_requires_grad_(TensorHandle t, int requires_grad);
    [LibraryImport(Lib)] internal static unsafe partial int vs_requires_grad(TensorHandle t, out int @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_backward(TensorHandle t);
    [LibraryImport(Lib)] internal static unsafe partial int vs_grad(TensorHandle t, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_clear_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static unsafe partial int vs_set_grad_enabled(int enabled, out int previous);
    [LibraryImport(Lib)] internal static unsafe partial int vs_adam_step(IntPtr[] @params, IntPtr[] exp_avg, IntPtr[] exp_avg_sq, int count, double lr, double beta1, double beta2, double eps, long step);
    [LibraryImport(Lib)] internal static unsafe partial int vs_generator_new(ulong seed, int device_type, int device_index, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_generator_free(IntPtr g);
    [LibraryImport(Lib)] internal static unsafe partial int vs_generator_get_state(GeneratorHandle g, out IntPtr @out);
    [LibraryImport(Lib)] internal static unsafe partial int vs_generator_set_state(GeneratorHandle g, TensorHandle state);
}
