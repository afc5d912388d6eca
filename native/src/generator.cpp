// Random generators owned by the caller, so that each run has its own stream whose state a checkpoint saves.
#include "common.hpp"

using vs::T;
using vs::wrap;

extern "C" {

int vs_generator_new(uint64_t seed, int device_type, int device_index, vs_generator* out) {
    VS_GUARD({
        // Cloning the device's default generator gives a generator of the right implementation (CPU or CUDA)
        // without this file needing CUDA headers; the clone is then reseeded and independent of the default.
        auto device = vs::device_of(device_type, device_index);
        auto g = at::globalContext().defaultGenerator(device).clone();
        {
            std::lock_guard<std::mutex> lock(g.mutex());
            g.set_current_seed(seed);
        }
        *out = reinterpret_cast<vs_generator>(new at::Generator(std::move(g)));
    })
}

int vs_generator_free(vs_generator g) { VS_GUARD(delete reinterpret_cast<at::Generator*>(g)) }

int vs_generator_get_state(vs_generator g, vs_tensor* out) {
    VS_GUARD({
        auto& gen = vs::G(g);
        std::lock_guard<std::mutex> lock(gen.mutex());
        *out = wrap(gen.get_state());
    })
}

int vs_generator_set_state(vs_generator g, vs_tensor state) {
    VS_GUARD({
        auto& gen = vs::G(g);
        std::lock_guard<std::mutex> lock(gen.mutex());
        gen.set_state(T(state));
    })
}

}  // extern "C"
