// Shared plumbing for the exports: handle conversions, the error channel and the catch-all guard.
#pragma once

#include <ATen/ATen.h>
// at::NoGradGuard and at::GradMode: ATen/ATen.h brought them in up to libtorch 2.x, newer releases (2.11) do not.
#include <ATen/core/grad_mode.h>
#include <exception>
#include <string>

#include "vaesweep_native.h"

namespace vs {

void set_error(const char* message);

inline at::Tensor& T(vs_tensor t) {
    if (t == nullptr) throw std::invalid_argument("null tensor handle");
    return *reinterpret_cast<at::Tensor*>(t);
}

inline vs_tensor wrap(at::Tensor t) { return reinterpret_cast<vs_tensor>(new at::Tensor(std::move(t))); }

inline at::Generator& G(vs_generator g) {
    if (g == nullptr) throw std::invalid_argument("null generator handle");
    return *reinterpret_cast<at::Generator*>(g);
}

at::ScalarType dtype_of(int code);
int code_of(at::ScalarType type);
at::Device device_of(int device_type, int device_index);

inline at::IntArrayRef dims_of(const int64_t* dims, int ndim) {
    return at::IntArrayRef(dims, static_cast<size_t>(ndim));
}

inline at::TensorOptions options_of(int dtype, int device_type, int device_index) {
    return at::TensorOptions().dtype(dtype_of(dtype)).device(device_of(device_type, device_index));
}

}  // namespace vs

// Every export body runs inside VS_GUARD: libtorch reports failures by throwing, and an exception crossing the
// C ABI would terminate the process. c10::Error is caught first for its message without the C++ backtrace;
// `...` catches what is not a std::exception at all.
#define VS_GUARD(body)                                              \
    try {                                                           \
        body;                                                       \
        return VS_OK;                                               \
    } catch (const c10::Error& e) {                                 \
        vs::set_error(e.what_without_backtrace());                  \
    } catch (const std::exception& e) {                             \
        vs::set_error(e.what());                                    \
    } catch (...) {                                                 \
        vs::set_error("unknown C++ exception (not a std::exception)"); \
    }                                                               \
    return VS_ERROR;

// One-input, one-output ops are all the same shape; the macro keeps each a single readable line.
#define VS_UNARY(name, expr)                              \
    int vs_##name(vs_tensor a_, vs_tensor* out) {         \
        VS_GUARD(const at::Tensor& a = vs::T(a_); *out = vs::wrap(expr)) \
    }

#define VS_BINARY(name, expr)                                         \
    int vs_##name(vs_tensor a_, vs_tensor b_, vs_tensor* out) {       \
        VS_GUARD(const at::Tensor& a = vs::T(a_); const at::Tensor& b = vs::T(b_); *out = vs::wrap(expr)) \
    }

#define VS_SCALAR(name, expr)                                     \
    int vs_##name(vs_tensor a_, double s, vs_tensor* out) {       \
        VS_GUARD(const at::Tensor& a = vs::T(a_); *out = vs::wrap(expr)) \
    }
