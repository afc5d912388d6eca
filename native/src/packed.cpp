// Ops for packed sweeps: n runs of identical shapes trained together, every parameter stacked with a leading run
// dimension. A layer is one batched product over the runs (baddbmm), and Adam is one pass over the packed
// parameters with each run's own hyperparameters and step count, so a run's update is exactly the one the single
// fused Adam (adam.cpp) would make for it alone.
#include <ATen/Parallel.h>
#include <cmath>
#include <algorithm>
#include <string>
#include <vector>

#include "adam_fusable.hpp"
#include "common.hpp"

using vs::T;
using vs::wrap;

namespace {

struct RunConstants {
    float b1, b2, step_size, inv_sqrt_bc2, eps;
};

// The same folding of the bias corrections as vs_adam_step, in double, so each run's constants are bit-identical
// to those of its lone run.
RunConstants constants_of(double lr, double beta1, double beta2, double eps, int64_t step) {
    if (step < 1) throw std::invalid_argument("adam step count must start at 1");
    const double bc1 = 1.0 - std::pow(beta1, static_cast<double>(step));
    const double bc2 = 1.0 - std::pow(beta2, static_cast<double>(step));
    return {static_cast<float>(beta1), static_cast<float>(beta2), static_cast<float>(lr / bc1),
            static_cast<float>(1.0 / std::sqrt(bc2)), static_cast<float>(eps)};
}

void packed_adam_cpu_float(at::Tensor& p, const at::Tensor& g, at::Tensor& m, at::Tensor& v, int64_t runs,
                           const RunConstants* c) {
    const int64_t per_run = p.numel() / runs;
    float* pp = p.data_ptr<float>();
    const float* gp = g.data_ptr<float>();
    float* mp = m.data_ptr<float>();
    float* vp = v.data_ptr<float>();
    // One parallel loop over the whole packed tensor (not one per run), so small layers still fill the threads;
    // each run's share of a chunk goes through the single fused Adam's vectorised span, so its update is the lone
    // run's bit for bit. (A scalar loop here took 18% of a pack of 8's step; the span, about 3%.)
    at::parallel_for(0, p.numel(), 1 << 15, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end;) {
            const int64_t r = i / per_run;
            const int64_t stop = std::min(end, (r + 1) * per_run);
            const RunConstants& k = c[r];
            vs::adam_update_span(pp + i, gp + i, mp + i, vp + i, stop - i, k.b1, k.b2, k.step_size, k.inv_sqrt_bc2,
                                 k.eps);
            i = stop;
        }
    });
}

// CUDA, other dtypes, non-contiguous storage: each run's slice with ATen's in-place ops.
void packed_adam_generic(at::Tensor& p, const at::Tensor& g, at::Tensor& m, at::Tensor& v, int64_t runs,
                         const double* lr, const double* beta1, const double* beta2, const double* eps,
                         const int64_t* steps) {
    for (int64_t r = 0; r < runs; ++r) {
        auto pr = p.select(0, r), gr = g.select(0, r), mr = m.select(0, r), vr = v.select(0, r);
        const double bc1 = 1.0 - std::pow(beta1[r], static_cast<double>(steps[r]));
        const double bc2 = 1.0 - std::pow(beta2[r], static_cast<double>(steps[r]));
        mr.mul_(beta1[r]).add_(gr, 1.0 - beta1[r]);
        vr.mul_(beta2[r]).addcmul_(gr, gr, 1.0 - beta2[r]);
        auto denom = vr.sqrt().mul_(1.0 / std::sqrt(bc2)).add_(eps[r]);
        pr.addcdiv_(mr, denom, -lr[r] / bc1);
    }
}

}  // namespace

extern "C" {

int vs_baddbmm(vs_tensor bias, vs_tensor a, vs_tensor b, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::baddbmm(T(bias), T(a), T(b))))
}

int vs_packed_adam_step(const vs_tensor* params, const vs_tensor* exp_avg, const vs_tensor* exp_avg_sq, int count,
                        int64_t runs, const double* lr, const double* beta1, const double* beta2, const double* eps,
                        const int64_t* steps) {
    VS_GUARD({
        if (runs < 1) throw std::invalid_argument("a pack needs at least one run");
        at::NoGradGuard no_grad;
        std::vector<RunConstants> c(static_cast<size_t>(runs));
        for (int64_t r = 0; r < runs; ++r) c[r] = constants_of(lr[r], beta1[r], beta2[r], eps[r], steps[r]);
        for (int i = 0; i < count; ++i) {
            auto& p = T(params[i]);
            const auto& g = p.grad();
            if (!g.defined()) continue;
            auto& m = T(exp_avg[i]);
            auto& v = T(exp_avg_sq[i]);
            if (p.dim() < 1 || p.size(0) != runs)
                throw std::invalid_argument("packed parameter " + std::to_string(i) + " does not lead with the " +
                                            std::to_string(runs) + " runs");
            if (!p.sizes().equals(m.sizes()) || !p.sizes().equals(v.sizes()))
                throw std::invalid_argument("adam state " + std::to_string(i) + " does not match its parameter's shape");
            if (vs::adam_fusable(p, g, m, v))
                packed_adam_cpu_float(p, g, m, v, runs, c.data());
            else
                packed_adam_generic(p, g, m, v, runs, lr, beta1, beta2, eps, steps);
        }
    })
}

}  // extern "C"
