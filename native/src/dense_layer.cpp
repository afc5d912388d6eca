// See dense_layer.hpp.
#include "dense_layer.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "dense_kernels.hpp"

namespace vs::dense {

bool sparse_rows(const at::Tensor& x_, SparseRows& rows) {
    const float* x = x_.data_ptr<float>();
    const int64_t n = x_.size(0), cols = x_.size(1);
    const auto limit = static_cast<int64_t>(kSparseDensity * static_cast<double>(n * cols));
    rows.start.assign(1, 0);
    rows.column.clear();
    rows.value.clear();
    rows.column.reserve(limit + cols);
    rows.value.reserve(limit + cols);
    for (int64_t b = 0; b < n; ++b) {
        for (int64_t c = 0; c < cols; ++c)
            if (x[b * cols + c] != 0.0f) {
                rows.column.push_back(static_cast<int32_t>(c));
                rows.value.push_back(x[b * cols + c]);
            }
        if (static_cast<int64_t>(rows.column.size()) > limit) return false;
        rows.start.push_back(static_cast<int64_t>(rows.column.size()));
    }
    return true;
}

void activate(int activation, at::Tensor& h) {
    switch (activation) {
        case kTanh: h.tanh_(); break;
        case kRelu: h.relu_(); break;
        case kElu: at::elu_(h); break;
        case kSoftplus: at::softplus_out(h, h, 1, 20); break;
        case kSigmoid: h.sigmoid_(); break;
        case kLeakyRelu: at::leaky_relu_(h, 0.01); break;
        default: throw std::invalid_argument("dense VAE step: unknown activation code " + std::to_string(activation));
    }
}

void activation_backward(int activation, const at::Tensor& a_, at::Tensor& d_) {
    const float* a = a_.data_ptr<float>();
    float* d = d_.data_ptr<float>();
    const int64_t n = a_.numel();
    switch (activation) {
        case kTanh: for (int64_t i = 0; i < n; ++i) d[i] *= 1.0f - a[i] * a[i]; break;
        case kRelu: for (int64_t i = 0; i < n; ++i) d[i] = a[i] > 0.0f ? d[i] : 0.0f; break;
        case kElu: for (int64_t i = 0; i < n; ++i) d[i] *= a[i] > 0.0f ? 1.0f : a[i] + 1.0f; break;
        case kSoftplus: for (int64_t i = 0; i < n; ++i) d[i] *= -std::expm1(-a[i]); break;
        case kSigmoid: for (int64_t i = 0; i < n; ++i) d[i] *= a[i] * (1.0f - a[i]); break;
        case kLeakyRelu: for (int64_t i = 0; i < n; ++i) d[i] *= a[i] > 0.0f ? 1.0f : 0.01f; break;
        default: throw std::invalid_argument("dense VAE step: unknown activation code " + std::to_string(activation));
    }
}

at::Tensor Dense::forward(const at::Tensor& input, const SparseRows* sparse) const {
    if (sparse == nullptr) return at::addmm(bias, input, transposed ? weight : weight.t());
    at::Tensor rows_of_weight = weight;  // (in, out)
    if (!transposed) {
        rows_of_weight = at::empty({weight.size(1), weight.size(0)}, weight.options());
        vs::transpose(weight.data_ptr<float>(), rows_of_weight.data_ptr<float>(), weight.size(0), weight.size(1));
    }
    const int64_t out_features = bias.size(0);
    auto y_ = at::empty({input.size(0), out_features}, input.options());
    float* y = y_.data_ptr<float>();
    const float* w = rows_of_weight.data_ptr<float>();
    for (int64_t b = 0; b < input.size(0); ++b) {
        float* yb = y + b * out_features;
        std::copy(bias.data_ptr<float>(), bias.data_ptr<float>() + out_features, yb);
        for (int64_t e = sparse->start[b]; e < sparse->start[b + 1]; ++e)
            vs::axpy(sparse->value[e], w + sparse->column[e] * out_features, yb, out_features);
    }
    return y_;
}

at::Tensor Dense::backward(const at::Tensor& d, const at::Tensor& input, bool input_grad, const SparseRows* sparse) {
    if (sparse != nullptr) sparse_weight_grad(d, *sparse);
    else if (transposed) at::mm_out(weight_grad, input.t(), d);
    else at::mm_out(weight_grad, d.t(), input);
    vs::column_sums(d.data_ptr<float>(), bias_grad.data_ptr<float>(), d.size(0), d.size(1));
    return input_grad ? d.mm(transposed ? weight.t() : weight) : at::Tensor();
}

void Dense::sparse_weight_grad(const at::Tensor& d_, const SparseRows& sparse) {
    const int64_t out_features = d_.size(1);
    at::Tensor rows_ = transposed ? weight_grad : at::empty({weight.size(1), out_features}, d_.options());
    float* rows = rows_.data_ptr<float>();
    std::fill(rows, rows + rows_.numel(), 0.0f);
    const float* d = d_.data_ptr<float>();
    for (int64_t b = 0; b < d_.size(0); ++b)
        for (int64_t e = sparse.start[b]; e < sparse.start[b + 1]; ++e)
            vs::axpy(sparse.value[e], d + b * out_features, rows + sparse.column[e] * out_features, out_features);
    if (!transposed) vs::transpose(rows, weight_grad.data_ptr<float>(), rows_.size(0), rows_.size(1));
}

}  // namespace vs::dense
