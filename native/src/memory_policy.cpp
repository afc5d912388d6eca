// Process-wide malloc policy, set once when the shim is loaded.
//
// libtorch's CPU allocator takes every tensor from malloc. glibc serves blocks above M_MMAP_THRESHOLD with a
// fresh mmap and returns them with munmap on free, so each such tensor costs a page fault per 4 KiB page every
// time it is allocated; and it gives the top of the heap back to the kernel above M_TRIM_THRESHOLD. The
// importance-sampled evaluation allocates tensors of several MiB (chunk x 784 logits) thousands of times, and
// measured here half its time went to the kernel zeroing pages. glibc's own dynamic threshold only adapts after
// the first few blocks are freed and is capped; pinning both thresholds at their largest sensible values keeps
// those blocks in the heap for reuse. Measured on the 2-core CI machine: evaluation 47,000 -> 80,000 log-weights/s at
// chunks of 1,000 to 5,000; training, whose tensors are small, is unchanged.
//
// A user who set the policy themselves (GLIBC_TUNABLES or the MALLOC_*_ variables) keeps it.
#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

bool user_set_malloc_policy() {
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    if (tunables && std::strstr(tunables, "glibc.malloc.")) return true;
    return std::getenv("MALLOC_MMAP_THRESHOLD_") || std::getenv("MALLOC_TRIM_THRESHOLD_");
}

__attribute__((constructor)) void set_malloc_policy() {
#if defined(__GLIBC__)
    if (user_set_malloc_policy()) return;
    // 32 MiB is the largest threshold mallopt accepts on 64-bit (half the size of a secondary arena's heap).
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    // Trimming at 64 MiB still cost a third of the gain at chunk 5,000 (several 16 MiB tensors live at once);
    // a worker's heap peaks at a few hundred MiB, bounded by evaluation.chunk_size, so it simply keeps it.
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
#endif
}

}  // namespace
