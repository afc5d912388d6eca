// Peak device-memory figures for the benchmark. They need the CUDA caching allocator's headers, present only
// in a CUDA build of libtorch; a CPU build reports a clear error instead.
#include "common.hpp"

#ifdef VS_WITH_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#endif

extern "C" {

int vs_cuda_max_memory_allocated(int device_index, int64_t* out) {
#ifdef VS_WITH_CUDA
    VS_GUARD({
        // Index 0 is StatType::AGGREGATE; the enum moved namespaces in libtorch 2.x, the index did not.
        auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(static_cast<c10::DeviceIndex>(device_index));
        *out = stats.allocated_bytes[0].peak;
    })
#else
    (void)device_index;
    *out = -1;
    vs::set_error("this build of vaesweep_native has no CUDA support");
    return VS_ERROR;
#endif
}

int vs_cuda_reset_peak_memory(int device_index) {
#ifdef VS_WITH_CUDA
    VS_GUARD(c10::cuda::CUDACachingAllocator::resetPeakStats(static_cast<c10::DeviceIndex>(device_index)))
#else
    (void)device_index;
    vs::set_error("this build of vaesweep_native has no CUDA support");
    return VS_ERROR;
#endif
}

}  // extern "C"
