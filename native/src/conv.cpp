// 2-D convolutions for convolutional encoders and decoders. Padding is the caller's (the model layer picks it so
// every layer divides or multiplies the side exactly); groups > 1 is how a pack runs n runs' layers at once: the
// runs' channels are stacked and group g sees only run g's channels and weights.
#include "common.hpp"

using vs::T;
using vs::wrap;

namespace {

// A run's numbers must not depend on its pack mates, so a grouped convolution must compute each group exactly as
// the lone convolution does. oneDNN (mkldnn) computes a grouped float32 convolution differently from the same
// groups one by one (measured: 2.4e-7 apart, tests/Tensors/ConvTests.cs); with it off, libtorch's own CPU
// convolution runs a grouped call as one ungrouped call per group, bit for bit the lone run's. Only convolutions
// consult this switch in libtorch 1.13 (Linear and the rest of the shim never reach oneDNN on float32).
__attribute__((constructor)) void use_libtorch_convolutions() { at::globalContext().setUserEnabledMkldnn(false); }

}  // namespace

extern "C" {

int vs_conv2d(vs_tensor x, vs_tensor weight, vs_tensor bias, int64_t stride, int64_t padding, int64_t groups,
              vs_tensor* out) {
    VS_GUARD(*out = wrap(at::conv2d(T(x), T(weight), bias == nullptr ? at::Tensor() : T(bias), {stride, stride},
                                    {padding, padding}, {1, 1}, groups)))
}

int vs_conv_transpose2d(vs_tensor x, vs_tensor weight, vs_tensor bias, int64_t stride, int64_t padding,
                        int64_t groups, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::conv_transpose2d(T(x), T(weight), bias == nullptr ? at::Tensor() : T(bias),
                                              {stride, stride}, {padding, padding}, {0, 0}, groups, {1, 1})))
}

}  // extern "C"
