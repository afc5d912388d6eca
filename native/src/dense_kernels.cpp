// The dense VAE step's vectorisable spans; see dense_kernels.hpp, and CMakeLists.txt for this file's flags.
#include "dense_kernels.hpp"

#include <algorithm>

namespace vs {

__attribute__((target_clones("avx2", "default"))) double dot_minus_sum(
    const float* __restrict x, const float* __restrict l, const float* __restrict sp, int64_t n) {
    float xl = 0.0f, sps = 0.0f;
    for (int64_t d = 0; d < n; ++d) {
        xl += x[d] * l[d];
        sps += sp[d];
    }
    return static_cast<double>(xl) - static_cast<double>(sps);
}

__attribute__((target_clones("avx2", "default"))) void scaled_residual(
    float c, const float* __restrict x, float* __restrict r, int64_t n) {
    for (int64_t d = 0; d < n; ++d) r[d] = c * (x[d] - r[d]);
}

__attribute__((target_clones("avx2", "default"))) void column_sums(
    const float* __restrict d, float* __restrict out, int64_t rows, int64_t cols) {
    std::fill(out, out + cols, 0.0f);
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c) out[c] += d[r * cols + c];
}

__attribute__((target_clones("avx2", "default"))) void axpy(
    float a, const float* __restrict x, float* __restrict y, int64_t n) {
    for (int64_t i = 0; i < n; ++i) y[i] += a * x[i];
}

void transpose(const float* __restrict in, float* __restrict out, int64_t rows, int64_t cols) {
    constexpr int64_t tile = 32;
    for (int64_t r0 = 0; r0 < rows; r0 += tile)
        for (int64_t c0 = 0; c0 < cols; c0 += tile) {
            const int64_t r1 = std::min(rows, r0 + tile), c1 = std::min(cols, c0 + tile);
            for (int64_t r = r0; r < r1; ++r)
                for (int64_t c = c0; c < c1; ++c) out[c * rows + r] = in[r * cols + c];
        }
}

}  // namespace vs
