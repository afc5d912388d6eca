// Library-level exports: version, the error channel, threads and CUDA queries.
#include <torch/cuda.h>
#include <torch/version.h>
#include <ATen/Parallel.h>
#include <c10/core/Device.h>

#include <dlfcn.h>

#include "common.hpp"

namespace vs {

// One message per thread: a worker's failure never overwrites another thread's message, and the storage is
// owned here, so C# only copies it and never frees it.
static thread_local std::string last_error;

void set_error(const char* message) { last_error = message ? message : "(no message)"; }

at::ScalarType dtype_of(int code) {
    switch (code) {
        case VS_DTYPE_FLOAT32: return at::kFloat;
        case VS_DTYPE_FLOAT64: return at::kDouble;
        case VS_DTYPE_INT64: return at::kLong;
        case VS_DTYPE_UINT8: return at::kByte;
        case VS_DTYPE_BOOL: return at::kBool;
        case VS_DTYPE_INT32: return at::kInt;
    }
    throw std::invalid_argument("unknown dtype code " + std::to_string(code));
}

int code_of(at::ScalarType type) {
    switch (type) {
        case at::kFloat: return VS_DTYPE_FLOAT32;
        case at::kDouble: return VS_DTYPE_FLOAT64;
        case at::kLong: return VS_DTYPE_INT64;
        case at::kByte: return VS_DTYPE_UINT8;
        case at::kBool: return VS_DTYPE_BOOL;
        case at::kInt: return VS_DTYPE_INT32;
        default: throw std::invalid_argument(std::string("unsupported dtype ") + c10::toString(type));
    }
}

at::Device device_of(int device_type, int device_index) {
    if (device_type == 0) return at::Device(at::kCPU);
    if (device_type == 1) {
        if (!torch::cuda::is_available())
            throw std::runtime_error("CUDA was requested but this libtorch build or machine has no CUDA device");
        return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(device_index));
    }
    throw std::invalid_argument("unknown device type " + std::to_string(device_type));
}

// at::set_num_threads sets ATen's OpenMP pool (and MKL's), but not OpenBLAS's, which Debian's libtorch uses for
// matrix products: OpenBLAS keeps one thread per core and lets the idle ones spin in sched_yield. So a "one
// thread" run used two cores for every product, and two one-thread workers fought over them. OpenBLAS is reached
// through libblas.so.3, loaded privately with libtorch, hence the lookup by library name rather than RTLD_DEFAULT.
static void* openblas_symbol(const char* name) {
    for (const char* library : {"libopenblas.so.0", "libblas.so.3"}) {
        void* handle = dlopen(library, RTLD_LAZY | RTLD_NOLOAD);
        if (!handle) continue;
        void* symbol = dlsym(handle, name);
        dlclose(handle);  // RTLD_NOLOAD took a reference to a library that stays loaded with libtorch
        if (symbol) return symbol;
    }
    return nullptr;
}

static void set_blas_threads(int n) {
    if (auto set = reinterpret_cast<void (*)(int)>(openblas_symbol("openblas_set_num_threads"))) set(n);
}

// OpenBLAS starts with one thread per core whatever ATen starts with; agree from the moment the shim loads.
__attribute__((constructor)) static void align_blas_threads() { set_blas_threads(at::get_num_threads()); }

static int get_blas_threads() {
    auto get = reinterpret_cast<int (*)()>(openblas_symbol("openblas_get_num_threads"));
    return get ? get() : -1;
}

}  // namespace vs

extern "C" {

int vs_abi_version(void) { return VS_ABI_VERSION; }

const char* vs_last_error(void) { return vs::last_error.c_str(); }

#define VS_STR2(x) #x
#define VS_STR(x) VS_STR2(x)
const char* vs_torch_version(void) {
    return VS_STR(TORCH_VERSION_MAJOR) "." VS_STR(TORCH_VERSION_MINOR) "." VS_STR(TORCH_VERSION_PATCH);
}

int vs_set_num_threads(int n) {
    VS_GUARD({
        at::set_num_threads(n);
        vs::set_blas_threads(n);
    })
}

int vs_get_num_threads(int* out) { VS_GUARD(*out = at::get_num_threads()) }

int vs_get_blas_threads(int* out) { VS_GUARD(*out = vs::get_blas_threads()) }

int vs_cuda_is_available(int* out) { VS_GUARD(*out = torch::cuda::is_available() ? 1 : 0) }

int vs_cuda_device_count(int* out) { VS_GUARD(*out = static_cast<int>(torch::cuda::device_count())) }

int vs_cuda_synchronize(int device_index) { VS_GUARD(torch::cuda::synchronize(device_index)) }

int vs_debug_throw_foreign(void) {
    struct NotAStdException {};
    VS_GUARD(throw NotAStdException())
}

}  // extern "C"
