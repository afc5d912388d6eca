// The mathematical ops the VAE family needs. Each is a direct call into ATen, so autograd records it.
#include <vector>

#include "common.hpp"

using vs::T;
using vs::wrap;

namespace {
std::vector<int64_t> dim_list(const int64_t* dims, int ndim) { return std::vector<int64_t>(dims, dims + ndim); }
}  // namespace

extern "C" {

VS_UNARY(neg, at::neg(a))
VS_UNARY(exp, at::exp(a))
VS_UNARY(log, at::log(a))
VS_UNARY(log1p, at::log1p(a))
VS_UNARY(sqrt, at::sqrt(a))
VS_UNARY(square, at::square(a))
VS_UNARY(abs, at::abs(a))
VS_UNARY(tanh, at::tanh(a))
VS_UNARY(sigmoid, at::sigmoid(a))
VS_UNARY(relu, at::relu(a))
VS_UNARY(softplus, at::softplus(a))
VS_UNARY(log_sigmoid, at::log_sigmoid(a))
VS_UNARY(isfinite, at::isfinite(a))

int vs_elu(vs_tensor a, double alpha, vs_tensor* out) { VS_GUARD(*out = wrap(at::elu(T(a), alpha))) }

int vs_leaky_relu(vs_tensor a, double slope, vs_tensor* out) { VS_GUARD(*out = wrap(at::leaky_relu(T(a), slope))) }

int vs_all_finite(vs_tensor a, int* out) { VS_GUARD(*out = at::isfinite(T(a)).all().item<bool>() ? 1 : 0) }

int vs_add(vs_tensor a, vs_tensor b, double alpha, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::add(T(a), T(b), alpha)))
}

VS_BINARY(sub, at::sub(a, b))
VS_BINARY(mul, at::mul(a, b))
VS_BINARY(div, at::div(a, b))
VS_BINARY(maximum, at::maximum(a, b))
VS_BINARY(minimum, at::minimum(a, b))
VS_BINARY(gt, at::gt(a, b))
VS_BINARY(lt, at::lt(a, b))
VS_BINARY(eq, at::eq(a, b))
VS_BINARY(matmul, at::matmul(a, b))

int vs_where(vs_tensor cond, vs_tensor a, vs_tensor b, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::where(T(cond), T(a), T(b))))
}

VS_SCALAR(add_scalar, at::add(a, s))
VS_SCALAR(mul_scalar, at::mul(a, s))
VS_SCALAR(rsub_scalar, at::rsub(a, s))
VS_SCALAR(rdiv_scalar, at::reciprocal(a).mul_(s))
VS_SCALAR(pow_scalar, at::pow(a, s))
VS_SCALAR(gt_scalar, at::gt(a, s))

int vs_clamp(vs_tensor a, double min, double max, vs_tensor* out) { VS_GUARD(*out = wrap(at::clamp(T(a), min, max))) }

int vs_sum(vs_tensor a, const int64_t* dims, int ndim, int keepdim, vs_tensor* out) {
    VS_GUARD(*out = wrap(ndim == 0 ? at::sum(T(a)) : at::sum(T(a), dim_list(dims, ndim), keepdim != 0)))
}

int vs_mean(vs_tensor a, const int64_t* dims, int ndim, int keepdim, vs_tensor* out) {
    VS_GUARD(*out = wrap(ndim == 0 ? at::mean(T(a)) : at::mean(T(a), dim_list(dims, ndim), keepdim != 0)))
}

int vs_var(vs_tensor a, const int64_t* dims, int ndim, int unbiased, int keepdim, vs_tensor* out) {
    VS_GUARD(*out = wrap(ndim == 0 ? at::var(T(a), unbiased != 0)
                                   : at::var(T(a), at::IntArrayRef(dim_list(dims, ndim)), unbiased != 0, keepdim != 0)))
}

int vs_logsumexp(vs_tensor a, int64_t dim, int keepdim, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::logsumexp(T(a), {dim}, keepdim != 0)))
}

int vs_amax(vs_tensor a, int64_t dim, int keepdim, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::amax(T(a), {dim}, keepdim != 0)))
}

int vs_argmax(vs_tensor a, int64_t dim, int keepdim, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::argmax(T(a), dim, keepdim != 0)))
}

int vs_topk(vs_tensor a, int64_t k, int64_t dim, vs_tensor* out) {
    VS_GUARD(*out = wrap(std::get<0>(at::topk(T(a), k, dim, /*largest=*/true, /*sorted=*/true))))
}

int vs_addmm(vs_tensor bias, vs_tensor a, vs_tensor b, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::addmm(T(bias), T(a), T(b))))
}

int vs_linear(vs_tensor x, vs_tensor weight, vs_tensor bias, vs_tensor* out) {
    VS_GUARD(*out = wrap(bias == nullptr ? at::linear(T(x), T(weight)) : at::linear(T(x), T(weight), T(bias))))
}

int vs_linalg_solve_triangular(vs_tensor a, vs_tensor b, int upper, int left, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::linalg_solve_triangular(T(a), T(b), upper != 0, left != 0)))
}

int vs_tril(vs_tensor a, int64_t diagonal, vs_tensor* out) { VS_GUARD(*out = wrap(at::tril(T(a), diagonal))) }

int vs_diagonal(vs_tensor a, int64_t offset, int64_t dim1, int64_t dim2, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::diagonal(T(a), offset, dim1, dim2)))
}

int vs_diag_embed(vs_tensor a, vs_tensor* out) { VS_GUARD(*out = wrap(at::diag_embed(T(a)))) }

int vs_reshape(vs_tensor a, const int64_t* dims, int ndim, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::reshape(T(a), vs::dims_of(dims, ndim))))
}

int vs_unsqueeze(vs_tensor a, int64_t dim, vs_tensor* out) { VS_GUARD(*out = wrap(at::unsqueeze(T(a), dim))) }

int vs_squeeze(vs_tensor a, int64_t dim, vs_tensor* out) { VS_GUARD(*out = wrap(at::squeeze(T(a), dim))) }

int vs_expand(vs_tensor a, const int64_t* dims, int ndim, vs_tensor* out) {
    VS_GUARD(*out = wrap(T(a).expand(vs::dims_of(dims, ndim))))
}

int vs_permute(vs_tensor a, const int64_t* dims, int ndim, vs_tensor* out) {
    VS_GUARD(*out = wrap(T(a).permute(vs::dims_of(dims, ndim))))
}

int vs_transpose(vs_tensor a, int64_t dim0, int64_t dim1, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::transpose(T(a), dim0, dim1)))
}

int vs_narrow(vs_tensor a, int64_t dim, int64_t start, int64_t length, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::narrow(T(a), dim, start, length)))
}

int vs_index_select(vs_tensor a, int64_t dim, vs_tensor index, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::index_select(T(a), dim, T(index))))
}

int vs_cat(const vs_tensor* tensors, int count, int64_t dim, vs_tensor* out) {
    VS_GUARD({
        std::vector<at::Tensor> parts;
        parts.reserve(static_cast<size_t>(count));
        for (int i = 0; i < count; ++i) parts.push_back(T(tensors[i]));
        *out = wrap(at::cat(parts, dim));
    })
}

int vs_binary_cross_entropy_with_logits(vs_tensor logits, vs_tensor target, vs_tensor* out) {
    VS_GUARD(*out = wrap(at::binary_cross_entropy_with_logits(T(logits), T(target), {}, {}, at::Reduction::None)))
}

}  // extern "C"
