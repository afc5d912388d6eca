// Creation, inspection, copies and device/dtype moves.
#include <cstring>

#include "common.hpp"

using vs::T;
using vs::wrap;

extern "C" {

int vs_tensor_free(vs_tensor t) { VS_GUARD(delete reinterpret_cast<at::Tensor*>(t)) }

int vs_from_data(const void* data, const int64_t* dims, int ndim, int dtype, int device_type, int device_index,
                 vs_tensor* out) {
    VS_GUARD({
        // Copy out of managed memory at once: the caller's buffer may move or be freed after the call.
        auto cpu = at::empty(vs::dims_of(dims, ndim), at::TensorOptions().dtype(vs::dtype_of(dtype)));
        std::memcpy(cpu.data_ptr(), data, cpu.nbytes());
        auto device = vs::device_of(device_type, device_index);
        *out = wrap(device.is_cpu() ? cpu : cpu.to(device));
    })
}

int vs_zeros(const int64_t* dims, int ndim, int dtype, int device_type, int device_index, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::zeros(vs::dims_of(dims, ndim), vs::options_of(dtype, device_type, device_index))))
}

int vs_ones(const int64_t* dims, int ndim, int dtype, int device_type, int device_index, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::ones(vs::dims_of(dims, ndim), vs::options_of(dtype, device_type, device_index))))
}

int vs_full(const int64_t* dims, int ndim, double value, int dtype, int device_type, int device_index,
            vs_tensor* out) {
    VS_GUARD(*out = wrap(at::full(vs::dims_of(dims, ndim), value, vs::options_of(dtype, device_type, device_index))))
}

int vs_arange(int64_t n, int dtype, int device_type, int device_index, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::arange(n, vs::options_of(dtype, device_type, device_index))))
}

int vs_eye(int64_t n, int dtype, int device_type, int device_index, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::eye(n, vs::options_of(dtype, device_type, device_index))))
}

int vs_randn(const int64_t* dims, int ndim, vs_generator g, int dtype, int device_type, int device_index,
             vs_tensor* out) {
    VS_GUARD(*out = wrap(at::randn(vs::dims_of(dims, ndim), vs::G(g), vs::options_of(dtype, device_type, device_index))))
}

int vs_rand(const int64_t* dims, int ndim, vs_generator g, int dtype, int device_type, int device_index,
            vs_tensor* out) {
    VS_GUARD(*out = wrap(at::rand(vs::dims_of(dims, ndim), vs::G(g), vs::options_of(dtype, device_type, device_index))))
}

int vs_bernoulli(vs_tensor probs, vs_generator g, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::bernoulli(T(probs), vs::G(g))))
}

int vs_ndim(vs_tensor t, int* out) { VS_GUARD(*out = static_cast<int>(T(t).dim())) }

int vs_shape(vs_tensor t, int64_t* dims, int capacity) {
    VS_GUARD({
        const auto& x = T(t);
        if (x.dim() > capacity) throw std::invalid_argument("shape buffer too small");
        for (int64_t i = 0; i < x.dim(); ++i) dims[i] = x.size(i);
    })
}

int vs_dtype(vs_tensor t, int* out) { VS_GUARD(*out = vs::code_of(T(t).scalar_type())) }

int vs_device(vs_tensor t, int* device_type, int* device_index) {
    VS_GUARD({
        auto d = T(t).device();
        *device_type = d.is_cuda() ? 1 : 0;
        *device_index = d.has_index() ? d.index() : 0;
    })
}

int vs_numel(vs_tensor t, int64_t* out) { VS_GUARD(*out = T(t).numel()) }

int vs_item(vs_tensor t, double* out) { VS_GUARD(*out = T(t).item<double>()) }

int vs_copy_to(vs_tensor t, void* dst, int64_t nbytes) {
    VS_GUARD({
        auto cpu = T(t).detach().to(at::kCPU).contiguous();
        if (static_cast<int64_t>(cpu.nbytes()) != nbytes)
            throw std::invalid_argument("copy_to: destination holds " + std::to_string(nbytes) + " bytes, tensor has " +
                                        std::to_string(cpu.nbytes()));
        std::memcpy(dst, cpu.data_ptr(), cpu.nbytes());
    })
}

int vs_to_dtype(vs_tensor t, int dtype, vs_tensor* out) { VS_GUARD(*out = wrap(T(t).to(vs::dtype_of(dtype)))) }

int vs_to_device(vs_tensor t, int device_type, int device_index, vs_tensor* out) {
    VS_GUARD(*out = wrap(T(t).to(vs::device_of(device_type, device_index))))
}

int vs_clone(vs_tensor t, vs_tensor* out) { VS_GUARD(*out = wrap(T(t).clone())) }

int vs_contiguous(vs_tensor t, vs_tensor* out) { VS_GUARD(*out = wrap(T(t).contiguous())) }

int vs_detach(vs_tensor t, vs_tensor* out) { VS_GUARD(*out = wrap(T(t).detach())) }

int vs_copy_(vs_tensor dst, vs_tensor src) {
    // In-place writes into leaves (parameter initialisation, restoring a checkpoint) must not be recorded.
    VS_GUARD({
        at::NoGradGuard no_grad;
        T(dst).copy_(T(src));
    })
}

int vs_zero_(vs_tensor t) {
    VS_GUARD({
        at::NoGradGuard no_grad;
        T(t).zero_();
    })
}

int vs_fill_(vs_tensor t, double value) {
    VS_GUARD({
        at::NoGradGuard no_grad;
        T(t).fill_(value);
    })
}

}  // extern "C"
