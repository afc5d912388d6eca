// Autograd: leaves, backward, gradient access and the thread-local grad mode.
#include "common.hpp"

using vs::T;
using vs::wrap;

extern "C" {

int vs_requires_grad_(vs_tensor t, int requires_grad) { VS_GUARD(T(t).requires_grad_(requires_grad != 0)) }

int vs_requires_grad(vs_tensor t, int* out) { VS_GUARD(*out = T(t).requires_grad() ? 1 : 0) }

int vs_backward(vs_tensor t) { VS_GUARD(T(t).backward()) }

int vs_grad(vs_tensor t, vs_tensor* out) {
    VS_GUARD({
        const auto& g = T(t).grad();
        *out = g.defined() ? wrap(g) : nullptr;
    })
}

int vs_clear_grad(vs_tensor t) {
    // Dropping the gradient (rather than zeroing it) lets the next backward write it fresh, which saves a pass.
    VS_GUARD(T(t).mutable_grad().reset())
}

int vs_set_grad_enabled(int enabled, int* previous) {
    VS_GUARD({
        *previous = at::GradMode::is_enabled() ? 1 : 0;
        at::GradMode::set_enabled(enabled != 0);
    })
}

}  // extern "C"
