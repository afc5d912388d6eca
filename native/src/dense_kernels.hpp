// The loops of the dense VAE step (dense_vae.cpp) that run over every logit or every weight, as spans GCC can
// vectorise. dense_kernels.cpp is compiled with -fno-math-errno and -fassociative-math (CMakeLists.txt), which let it
// split a sum into vector lanes; target_clones adds an AVX2 copy chosen at load time. The results are the same from
// run to run on one machine, so a resumed run stays bit-identical.
#pragma once

#include <cstdint>

namespace vs {

// sum_d x_d l_d - sum_d sp_d: log p(x|z) = x . logits - sum softplus(logits) (BernoulliDecoder.LogLikelihoodShared).
double dot_minus_sum(const float* __restrict x, const float* __restrict l, const float* __restrict sp, int64_t n);

// r <- c (x - r): from sigmoid(logits) to the loss's gradient with respect to the logits.
void scaled_residual(float c, const float* __restrict x, float* __restrict r, int64_t n);

// out <- column sums of d (rows, cols): a bias's gradient.
void column_sums(const float* __restrict d, float* __restrict out, int64_t rows, int64_t cols);

// y <- y + a x: one nonzero input's row of a product (SparseRows in dense_layer.hpp).
void axpy(float a, const float* __restrict x, float* __restrict y, int64_t n);

// out (cols, rows) <- in (rows, cols) transposed, in tiles that stay in cache (ATen's strided copy took longer than
// the sparse products it serves).
void transpose(const float* __restrict in, float* __restrict out, int64_t rows, int64_t cols);

}  // namespace vs
