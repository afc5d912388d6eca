// Which Adam updates take the fused single-pass CPU kernel (adam.cpp, packed.cpp): float32, CPU, contiguous.
#pragma once

#include <ATen/ATen.h>

namespace vs {

inline bool adam_fusable(const at::Tensor& p, const at::Tensor& g, const at::Tensor& m, const at::Tensor& v) {
    for (const auto* t : {&p, &g, &m, &v})
        if (!t->device().is_cpu() || t->scalar_type() != at::kFloat || !t->is_contiguous()) return false;
    return true;
}

}  // namespace vs
