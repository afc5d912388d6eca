// Which Adam updates take the fused single-pass CPU kernel (adam.cpp, packed.cpp): float32, CPU, contiguous; and
// that kernel, one contiguous span updated with one set of hyperparameters (defined in adam.cpp, which is compiled
// so that GCC can vectorise it).
#pragma once

#include <ATen/ATen.h>

namespace vs {

inline bool adam_fusable(const at::Tensor& p, const at::Tensor& g, const at::Tensor& m, const at::Tensor& v) {
    for (const auto* t : {&p, &g, &m, &v})
        if (!t->device().is_cpu() || t->scalar_type() != at::kFloat || !t->is_contiguous()) return false;
    return true;
}

void adam_update_span(float* __restrict pp, const float* __restrict gp, float* __restrict mp, float* __restrict vp,
                      int64_t n, float b1, float b2, float step_size, float inv_sqrt_bc2, float eps);

}  // namespace vs
