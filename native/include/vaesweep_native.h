/*
 * vaesweep_native: a thin C ABI over libtorch, called from C# through P/Invoke.
 *
 * Conventions, the same for every export:
 *  - Every function returns an int status: VS_OK (0) or VS_ERROR (1). On VS_ERROR, vs_last_error() returns the
 *    message for the calling thread (valid until that thread's next failing call). No export lets a C++
 *    exception escape: each catches c10::Error, std::exception and `...`.
 *  - Tensors and generators are opaque heap handles owned by the caller; free them with vs_tensor_free /
 *    vs_generator_free. Every function that produces a tensor writes a new handle to its last argument.
 *  - Names follow PyTorch (vs_<aten name>), so one op reads the same in C++, the P/Invoke declaration and the
 *    C# Tensor API.
 *  - Shapes are passed as (const int64_t* dims, int ndim). Devices as (int device_type, int device_index) with
 *    device_type 0 = CPU, 1 = CUDA. Dtypes use the VS_DTYPE_* codes below.
 */
#ifndef VAESWEEP_NATIVE_H
#define VAESWEEP_NATIVE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The shim is compiled with hidden visibility; only the declarations below are exported. */
#pragma GCC visibility push(default)

#define VS_ABI_VERSION 8

#define VS_OK 0
#define VS_ERROR 1

#define VS_DTYPE_FLOAT32 0
#define VS_DTYPE_FLOAT64 1
#define VS_DTYPE_INT64 2
#define VS_DTYPE_UINT8 3
#define VS_DTYPE_BOOL 4
#define VS_DTYPE_INT32 5

typedef struct vs_tensor_opaque* vs_tensor;
typedef struct vs_generator_opaque* vs_generator;

/* library and errors */
int vs_abi_version(void);
const char* vs_last_error(void);
const char* vs_torch_version(void);
int vs_set_num_threads(int n);
int vs_get_num_threads(int* out);
/* OpenBLAS's thread count (vs_set_num_threads sets it too); -1 when libtorch uses another BLAS. */
int vs_get_blas_threads(int* out);
int vs_cuda_is_available(int* out);
int vs_cuda_device_count(int* out);
int vs_cuda_synchronize(int device_index);
int vs_cuda_max_memory_allocated(int device_index, int64_t* out);
int vs_cuda_reset_peak_memory(int device_index);
/* Raises a C++ exception of a type that is not std::exception, to prove the catch-all works. */
int vs_debug_throw_foreign(void);

/* creation */
int vs_tensor_free(vs_tensor t);
int vs_from_data(const void* data, const int64_t* dims, int ndim, int dtype, int device_type, int device_index, vs_tensor* out);
int vs_zeros(const int64_t* dims, int ndim, int dtype, int device_type, int device_index, vs_tensor* out);
int vs_ones(const int64_t* dims, int ndim, int dtype, int device_type, int device_index, vs_tensor* out);
int vs_full(const int64_t* dims, int ndim, double value, int dtype, int device_type, int device_index, vs_tensor* out);
int vs_arange(int64_t n, int dtype, int device_type, int device_index, vs_tensor* out);
int vs_eye(int64_t n, int dtype, int device_type, int device_index, vs_tensor* out);
int vs_randn(const int64_t* dims, int ndim, vs_generator g, int dtype, int device_type, int device_index, vs_tensor* out);
int vs_rand(const int64_t* dims, int ndim, vs_generator g, int dtype, int device_type, int device_index, vs_tensor* out);
int vs_bernoulli(vs_tensor probs, vs_generator g, vs_tensor* out);

/* inspection and copies */
int vs_ndim(vs_tensor t, int* out);
int vs_shape(vs_tensor t, int64_t* dims, int capacity);
int vs_dtype(vs_tensor t, int* out);
int vs_device(vs_tensor t, int* device_type, int* device_index);
int vs_numel(vs_tensor t, int64_t* out);
int vs_item(vs_tensor t, double* out);
int vs_copy_to(vs_tensor t, void* dst, int64_t nbytes);
int vs_to_dtype(vs_tensor t, int dtype, vs_tensor* out);
int vs_to_device(vs_tensor t, int device_type, int device_index, vs_tensor* out);
int vs_clone(vs_tensor t, vs_tensor* out);
int vs_contiguous(vs_tensor t, vs_tensor* out);
int vs_detach(vs_tensor t, vs_tensor* out);
int vs_copy_(vs_tensor dst, vs_tensor src);
int vs_zero_(vs_tensor t);
int vs_fill_(vs_tensor t, double value);

/* elementwise: unary */
int vs_neg(vs_tensor a, vs_tensor* out);
int vs_exp(vs_tensor a, vs_tensor* out);
int vs_log(vs_tensor a, vs_tensor* out);
int vs_log1p(vs_tensor a, vs_tensor* out);
int vs_sqrt(vs_tensor a, vs_tensor* out);
int vs_square(vs_tensor a, vs_tensor* out);
int vs_abs(vs_tensor a, vs_tensor* out);
int vs_tanh(vs_tensor a, vs_tensor* out);
int vs_sigmoid(vs_tensor a, vs_tensor* out);
int vs_relu(vs_tensor a, vs_tensor* out);
int vs_softplus(vs_tensor a, vs_tensor* out);
int vs_log_sigmoid(vs_tensor a, vs_tensor* out);
int vs_elu(vs_tensor a, double alpha, vs_tensor* out);
int vs_leaky_relu(vs_tensor a, double slope, vs_tensor* out);
int vs_isfinite(vs_tensor a, vs_tensor* out);
int vs_all_finite(vs_tensor a, int* out);

/* elementwise: binary (broadcasting) and with scalars */
int vs_add(vs_tensor a, vs_tensor b, double alpha, vs_tensor* out);
int vs_sub(vs_tensor a, vs_tensor b, vs_tensor* out);
int vs_mul(vs_tensor a, vs_tensor b, vs_tensor* out);
int vs_div(vs_tensor a, vs_tensor b, vs_tensor* out);
int vs_maximum(vs_tensor a, vs_tensor b, vs_tensor* out);
int vs_minimum(vs_tensor a, vs_tensor b, vs_tensor* out);
int vs_gt(vs_tensor a, vs_tensor b, vs_tensor* out);
int vs_lt(vs_tensor a, vs_tensor b, vs_tensor* out);
int vs_eq(vs_tensor a, vs_tensor b, vs_tensor* out);
int vs_where(vs_tensor cond, vs_tensor a, vs_tensor b, vs_tensor* out);
int vs_add_scalar(vs_tensor a, double s, vs_tensor* out);
int vs_mul_scalar(vs_tensor a, double s, vs_tensor* out);
int vs_rsub_scalar(vs_tensor a, double s, vs_tensor* out);
int vs_rdiv_scalar(vs_tensor a, double s, vs_tensor* out);
int vs_pow_scalar(vs_tensor a, double exponent, vs_tensor* out);
int vs_gt_scalar(vs_tensor a, double s, vs_tensor* out);
int vs_clamp(vs_tensor a, double min, double max, vs_tensor* out);

/* reductions; dims == NULL with ndim == 0 reduces everything */
int vs_sum(vs_tensor a, const int64_t* dims, int ndim, int keepdim, vs_tensor* out);
int vs_mean(vs_tensor a, const int64_t* dims, int ndim, int keepdim, vs_tensor* out);
int vs_var(vs_tensor a, const int64_t* dims, int ndim, int unbiased, int keepdim, vs_tensor* out);
int vs_logsumexp(vs_tensor a, int64_t dim, int keepdim, vs_tensor* out);
int vs_amax(vs_tensor a, int64_t dim, int keepdim, vs_tensor* out);
int vs_argmax(vs_tensor a, int64_t dim, int keepdim, vs_tensor* out);
/* the k largest values along dim, in decreasing order (values only) */
int vs_topk(vs_tensor a, int64_t k, int64_t dim, vs_tensor* out);

/* linear algebra */
int vs_matmul(vs_tensor a, vs_tensor b, vs_tensor* out);
int vs_addmm(vs_tensor bias, vs_tensor a, vs_tensor b, vs_tensor* out);
int vs_linear(vs_tensor x, vs_tensor weight, vs_tensor bias, vs_tensor* out);
int vs_linalg_solve_triangular(vs_tensor a, vs_tensor b, int upper, int left, vs_tensor* out);
int vs_tril(vs_tensor a, int64_t diagonal, vs_tensor* out);
int vs_diagonal(vs_tensor a, int64_t offset, int64_t dim1, int64_t dim2, vs_tensor* out);
int vs_diag_embed(vs_tensor a, vs_tensor* out);

/* shape */
int vs_reshape(vs_tensor a, const int64_t* dims, int ndim, vs_tensor* out);
int vs_unsqueeze(vs_tensor a, int64_t dim, vs_tensor* out);
int vs_squeeze(vs_tensor a, int64_t dim, vs_tensor* out);
int vs_expand(vs_tensor a, const int64_t* dims, int ndim, vs_tensor* out);
int vs_permute(vs_tensor a, const int64_t* dims, int ndim, vs_tensor* out);
int vs_transpose(vs_tensor a, int64_t dim0, int64_t dim1, vs_tensor* out);
int vs_narrow(vs_tensor a, int64_t dim, int64_t start, int64_t length, vs_tensor* out);
int vs_index_select(vs_tensor a, int64_t dim, vs_tensor index, vs_tensor* out);
int vs_cat(const vs_tensor* tensors, int count, int64_t dim, vs_tensor* out);

/* losses: fused kernels whose backward libtorch already provides */
int vs_binary_cross_entropy_with_logits(vs_tensor logits, vs_tensor target, vs_tensor* out);

/* autograd */
int vs_requires_grad_(vs_tensor t, int requires_grad);
int vs_requires_grad(vs_tensor t, int* out);
int vs_backward(vs_tensor t);
int vs_grad(vs_tensor t, vs_tensor* out); /* *out = NULL when no gradient has been accumulated */
int vs_clear_grad(vs_tensor t);
int vs_set_grad_enabled(int enabled, int* previous);

/* optimisation: one fused pass per parameter (Kingma & Ba 2015, Algorithm 1) */
int vs_adam_step(const vs_tensor* params, const vs_tensor* exp_avg, const vs_tensor* exp_avg_sq, int count,
                 double lr, double beta1, double beta2, double eps, int64_t step);

/* random generators with explicit, saveable state */
int vs_generator_new(uint64_t seed, int device_type, int device_index, vs_generator* out);
int vs_generator_free(vs_generator g);
int vs_generator_get_state(vs_generator g, vs_tensor* out);
int vs_generator_set_state(vs_generator g, vs_tensor state);

/* One training step of the dense VAE (MLP encoder, diagonal Gaussian posterior, Bernoulli MLP decoder), float32 on
 * the CPU, forward and backward by hand with no autograd graph (dense_vae.cpp). parameters: weight and bias of each
 * layer in order: encoder hidden layers, mean head, log-variance head, decoder hidden layers, logits layer. x (batch,
 * inputs), eps (batch, k, latent) standard normal noise. activation: 0 tanh, 1 relu, 2 elu, 3 softplus, 4 sigmoid,
 * 5 leaky relu. objective: 0 VAE with the analytic KL, 1 VAE with the Monte Carlo KL, 2 IWAE. Overwrites every
 * parameter's gradient with that of the loss; metrics: (5) loss, elbo, recon, kl, k-sample bound (batch means). */
int vs_dense_vae_step(const vs_tensor* parameters, int encoder_hidden, int decoder_hidden, int activation, vs_tensor x,
                      vs_tensor eps, int objective, double beta, vs_tensor* metrics);
/* The same for a pack: parameters stacked along a leading run dimension, weights (runs, in, out) as packed.cpp's
 * callers keep them; x (runs, batch, inputs), eps (runs, batch, k, latent); one objective and beta per run; metrics
 * (runs, 5). Each run's step is the lone step on its slices. */
int vs_dense_vae_pack_step(const vs_tensor* parameters, int encoder_hidden, int decoder_hidden, int activation,
                           vs_tensor x, vs_tensor eps, const int* objectives, const double* betas, vs_tensor* metrics);

/* packed sweeps: n runs of equal shapes with a leading run dimension (packed.cpp) */
int vs_baddbmm(vs_tensor bias, vs_tensor a, vs_tensor b, vs_tensor* out);
/* Adam over parameters of shape (runs, ...): per-run lr, betas, eps and step count (arrays of length runs). */
int vs_packed_adam_step(const vs_tensor* params, const vs_tensor* exp_avg, const vs_tensor* exp_avg_sq, int count,
                        int64_t runs, const double* lr, const double* beta1, const double* beta2, const double* eps,
                        const int64_t* steps);

/* convolutions (conv.cpp): x (batch, channels, height, width), square kernels, stride and padding the same along
 * both sides, no dilation; bias may be NULL. weight is (out, in / groups, k, k) for conv2d and
 * (in, out / groups, k, k) for conv_transpose2d, whose output_padding is 0. */
int vs_conv2d(vs_tensor x, vs_tensor weight, vs_tensor bias, int64_t stride, int64_t padding, int64_t groups,
              vs_tensor* out);
int vs_conv_transpose2d(vs_tensor x, vs_tensor weight, vs_tensor bias, int64_t stride, int64_t padding,
                        int64_t groups, vs_tensor* out);

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif

#endif
