// One training step's forward and backward for the dense VAE (MLP encoder, diagonal Gaussian posterior, Bernoulli
// MLP decoder), written out by hand for float32 on the CPU, so that no autograd graph is built.
//
// Why: at the reference size (784-200-200-50, batch 100) the matrix products are about a third of a step through
// autograd; the rest was libtorch's per-op cost: ~60 small ops forward and as many backward, each dispatched,
// recorded, allocated and freed. Here the products stay ATen calls (the same OpenBLAS kernels) and everything
// between them is a few loops over buffers. The arithmetic is that of core/Models (Objective.cs, Vae.cs,
// DiagonalGaussianPosterior.cs, BernoulliDecoder.cs); tests/Models/DenseVaeStepTests.cs checks losses and gradients
// against autograd for every objective and activation. The noise eps is drawn by the caller from the run's
// generator, exactly as the autograd path draws it, so the two paths train on the same random numbers.
#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "common.hpp"
#include "dense_kernels.hpp"
#include "dense_layer.hpp"

using vs::T;
using namespace vs::dense;

namespace {

constexpr double kLog2Pi = 1.8378770664093453;

enum Objective { kVaeAnalyticKl = 0, kVaeMonteCarloKl = 1, kIwae = 2 };

void require(bool ok, const char* what) {
    if (!ok) throw std::invalid_argument(std::string("dense VAE step: ") + what);
}

void require_dense(const at::Tensor& t, const char* what) {
    require(t.device().is_cpu() && t.scalar_type() == at::kFloat && t.is_contiguous(), what);
}

// The gradient buffer of a parameter, made when absent (the optimiser drops gradients between steps).
at::Tensor& grad_of(const at::Tensor& p) {
    auto& g = const_cast<at::Tensor&>(p).mutable_grad();
    if (!g.defined() || !g.sizes().equals(p.sizes()) || !g.is_contiguous()) g = at::empty_like(p, at::MemoryFormat::Contiguous);
    return g;
}

// What the objective makes of a batch's samples (rows b * k + s): the metrics (loss, elbo, recon, kl, bound: batch
// means, as core/Models/StepTerms.cs) and the loss's gradient with respect to log p(x|z) and to log p(z) - log q(z|x)
// of each sample (Objective.cs): VAE weights the k samples 1/k, IWAE by the normalised weights softmax(log w), held
// out of the gradient. The loss is minus the batch mean of the objective.
struct Weighed {
    std::array<double, 5> metrics;
    std::vector<double> d_px, d_pzq;
};

Weighed weigh(const std::vector<double>& log_px, const std::vector<double>& log_pz, const std::vector<double>& log_q,
              const std::vector<double>& kl, int64_t batch, int64_t k, int objective, double beta) {
    Weighed w{{}, std::vector<double>(batch * k), std::vector<double>(batch * k)};
    std::vector<double>& d_px = w.d_px;
    std::vector<double>& d_pzq = w.d_pzq;
    double loss = 0.0, elbo = 0.0, recon_sum = 0.0, kl_sum = 0.0, bound_sum = 0.0;
    const double scale = -1.0 / static_cast<double>(batch);
    // Each sample's log weight at beta = 1 (for the bound) and at beta (for the objective), computed once.
    std::vector<double> log_w(batch * k), log_wb(batch * k);
    for (int64_t row = 0; row < batch * k; ++row) {
        log_w[row] = log_px[row] + log_pz[row] - log_q[row];
        log_wb[row] = log_px[row] + beta * (log_pz[row] - log_q[row]);
    }
    for (int64_t b = 0; b < batch; ++b) {
        const int64_t first = b * k;
        double recon = 0.0, max_w = -INFINITY, max_wb = -INFINITY;
        for (int64_t row = first; row < first + k; ++row) {
            recon += log_px[row];
            max_w = std::max(max_w, log_w[row]);
            max_wb = std::max(max_wb, log_wb[row]);
        }
        recon /= static_cast<double>(k);
        double sum_w = 0.0, sum_wb = 0.0;
        for (int64_t row = first; row < first + k; ++row) {
            sum_w += std::exp(log_w[row] - max_w);
            sum_wb += std::exp(log_wb[row] - max_wb);
        }
        bound_sum += max_w + std::log(sum_w) - std::log(static_cast<double>(k));
        double surrogate = 0.0;
        for (int64_t row = first; row < first + k; ++row) {
            double weight;
            switch (objective) {
                case kVaeAnalyticKl: weight = 1.0 / static_cast<double>(k); break;
                case kVaeMonteCarloKl: weight = 1.0 / static_cast<double>(k); surrogate += weight * log_wb[row]; break;
                case kIwae: weight = std::exp(log_wb[row] - max_wb) / sum_wb; surrogate += weight * log_wb[row]; break;
                default: throw std::invalid_argument("dense VAE step: unknown objective code " + std::to_string(objective));
            }
            d_px[row] = scale * weight;
            d_pzq[row] = objective == kVaeAnalyticKl ? 0.0 : scale * beta * weight;
        }
        if (objective == kVaeAnalyticKl) surrogate = recon - beta * kl[b];
        loss -= surrogate;
        elbo += recon - kl[b];
        recon_sum += recon;
        kl_sum += kl[b];
    }
    const double n = static_cast<double>(batch);
    w.metrics = {loss / n, elbo / n, recon_sum / n, kl_sum / n, bound_sum / n};
    return w;
}

// The step for one run. layers: encoder hidden, mean, log-variance, decoder hidden, logits. x (batch, inputs),
// eps (batch, k, latent). Writes every layer's gradient of the loss and returns loss, elbo, recon, kl, bound
// (batch means, as core/Models/StepTerms.cs).
std::array<double, 5> step(std::vector<Dense>& layers, int encoder_hidden, int activation, const at::Tensor& x,
                           const at::Tensor& eps_, int objective, double beta) {
    const int64_t batch = x.size(0), k = eps_.size(1), latent = eps_.size(2), inputs = x.size(1);
    const int decoder_first = encoder_hidden + 2;
    const int count = static_cast<int>(layers.size());

    // Forward: encoder. The layers that read x read its nonzeros when it has few enough.
    SparseRows nonzeros;
    const SparseRows* sparse_x = sparse_rows(x, nonzeros) ? &nonzeros : nullptr;
    std::vector<at::Tensor> h{x};
    for (int i = 0; i < encoder_hidden; ++i) {
        h.push_back(layers[i].forward(h.back(), i == 0 ? sparse_x : nullptr));
        activate(activation, h.back());
    }
    const SparseRows* sparse_heads = encoder_hidden == 0 ? sparse_x : nullptr;
    const at::Tensor mu_ = layers[encoder_hidden].forward(h.back(), sparse_heads);
    const at::Tensor lv_ = layers[encoder_hidden + 1].forward(h.back(), sparse_heads);
    const float* mu = mu_.data_ptr<float>();
    const float* lv = lv_.data_ptr<float>();
    const float* eps = eps_.data_ptr<float>();

    // z = mu + exp(lv / 2) eps, with log p(z) and log q(z|x) (the latter from eps: GaussianPosterior.cs).
    const at::Tensor std_ = (lv_ * 0.5).exp_();  // as DiagonalGaussianPosterior computes it
    auto z_ = at::empty({batch * k, latent}, x.options());
    const float* sd = std_.data_ptr<float>();
    float* z = z_.data_ptr<float>();
    std::vector<double> log_pz(batch * k), log_q(batch * k), kl(batch);
    const double density_constant = -0.5 * static_cast<double>(latent) * kLog2Pi;
    for (int64_t b = 0; b < batch; ++b) {
        double sum_lv = 0.0, divergence = 0.0;
        for (int64_t j = 0; j < latent; ++j) {
            const float v = lv[b * latent + j], m = mu[b * latent + j];
            const float s2 = sd[b * latent + j] * sd[b * latent + j];  // exp(lv), to rounding
            sum_lv += v;
            divergence += s2 + m * m - 1.0f - v;
        }
        kl[b] = 0.5 * divergence;
        for (int64_t s = 0; s < k; ++s) {
            const int64_t row = b * k + s;
            double zz = 0.0, ee = 0.0;
            for (int64_t j = 0; j < latent; ++j) {
                const float e = eps[row * latent + j];
                const float v = mu[b * latent + j] + sd[b * latent + j] * e;
                z[row * latent + j] = v;
                zz += v * v;
                ee += e * e;
            }
            log_pz[row] = -0.5 * zz + density_constant;
            log_q[row] = (-0.5 * ee - 0.5 * sum_lv) + density_constant;
        }
    }

    // Forward: decoder, over the batch x k samples folded into rows.
    std::vector<at::Tensor> g{z_};
    for (int i = decoder_first; i < count - 1; ++i) {
        g.push_back(layers[i].forward(g.back()));
        activate(activation, g.back());
    }
    const at::Tensor logits_ = layers[count - 1].forward(g.back());
    const at::Tensor softplus_ = at::softplus(logits_);
    at::Tensor dlogits_ = at::sigmoid(logits_);  // becomes the loss's gradient with respect to the logits below
    const float* logits = logits_.data_ptr<float>();
    const float* softplus = softplus_.data_ptr<float>();
    const float* xs = x.data_ptr<float>();
    std::vector<double> log_px(batch * k);
    for (int64_t row = 0; row < batch * k; ++row) {
        log_px[row] = vs::dot_minus_sum(xs + (row / k) * inputs, logits + row * inputs, softplus + row * inputs, inputs);
    }

    const Weighed w = weigh(log_px, log_pz, log_q, kl, batch, k, objective, beta);
    const std::vector<double>& d_px = w.d_px;
    const std::vector<double>& d_pzq = w.d_pzq;
    const double n = static_cast<double>(batch);

    // Backward: d log p(x|z) / d logits = x - sigmoid(logits).
    float* dl = dlogits_.data_ptr<float>();
    for (int64_t row = 0; row < batch * k; ++row) {
        vs::scaled_residual(static_cast<float>(d_px[row]), xs + (row / k) * inputs, dl + row * inputs, inputs);
    }
    at::Tensor d = layers[count - 1].backward(dlogits_, g.back(), true);
    for (int i = count - 2; i >= decoder_first; --i) {
        const auto& output = g[i - decoder_first + 1];
        activation_backward(activation, output, d);
        d = layers[i].backward(d, g[i - decoder_first], true);
    }

    // Through z = mu + sd eps, log p(z) = -|z|^2/2 + c and log q = -|eps|^2/2 - sum(lv)/2 + c (+ the analytic KL).
    float* dz = d.data_ptr<float>();
    auto dmu_ = at::zeros({batch, latent}, x.options());
    auto dlv_ = at::zeros({batch, latent}, x.options());
    float* dmu = dmu_.data_ptr<float>();
    float* dlv = dlv_.data_ptr<float>();
    const float kl_weight = static_cast<float>(objective == kVaeAnalyticKl ? beta / n : 0.0);
    for (int64_t b = 0; b < batch; ++b) {
        float* dm = dmu + b * latent;
        float* dv = dlv + b * latent;
        float log_q_weight = 0.0f;
        for (int64_t s = 0; s < k; ++s) {
            const int64_t row = b * k + s;
            const float c = static_cast<float>(d_pzq[row]);
            log_q_weight += c;
            for (int64_t j = 0; j < latent; ++j) {
                const float dzj = dz[row * latent + j] - c * z[row * latent + j];
                dm[j] += dzj;
                dv[j] += dzj * eps[row * latent + j];
            }
        }
        for (int64_t j = 0; j < latent; ++j) {
            dv[j] = dv[j] * 0.5f * sd[b * latent + j] + 0.5f * log_q_weight;
            if (kl_weight != 0.0f) {
                dm[j] += kl_weight * mu[b * latent + j];
                dv[j] += kl_weight * 0.5f * (sd[b * latent + j] * sd[b * latent + j] - 1.0f);
            }
        }
    }

    // Backward: the two heads, then the encoder (no gradient with respect to x is needed).
    d = layers[encoder_hidden].backward(dmu_, h.back(), encoder_hidden > 0, sparse_heads);
    const at::Tensor d_scale = layers[encoder_hidden + 1].backward(dlv_, h.back(), encoder_hidden > 0, sparse_heads);
    if (encoder_hidden > 0) d.add_(d_scale);
    for (int i = encoder_hidden - 1; i >= 0; --i) {
        activation_backward(activation, h[i + 1], d);
        d = layers[i].backward(d, h[i], i > 0, i == 0 ? sparse_x : nullptr);
    }
    return w.metrics;
}

// The layers of one run: run r of a pack (parameters stacked along a leading run dimension, weights (in, out)), or
// the lone model's (r < 0).
std::vector<Dense> dense_layers(const vs_tensor* parameters, int layer_count, int64_t r) {
    std::vector<Dense> layers;
    layers.reserve(layer_count);
    for (int i = 0; i < layer_count; ++i) {
        const at::Tensor& w = T(parameters[2 * i]);
        const at::Tensor& b = T(parameters[2 * i + 1]);
        require_dense(w, "weights must be contiguous float32 on the CPU");
        require_dense(b, "biases must be contiguous float32 on the CPU");
        const int64_t stacked = r < 0 ? 0 : 1;
        require(w.dim() == 2 + stacked && b.dim() == 1 + stacked, "a layer is not a weight matrix and a bias vector");
        at::Tensor& gw = grad_of(w);
        at::Tensor& gb = grad_of(b);
        if (r < 0) layers.push_back({w, b, gw, gb, false});
        else layers.push_back({w.select(0, r), b.select(0, r), gw.select(0, r), gb.select(0, r), true});
    }
    return layers;
}

int objective_code(int objective) {
    require(objective >= kVaeAnalyticKl && objective <= kIwae, "unknown objective code");
    return objective;
}

void write_metrics(float* out, const std::array<double, 5>& values) {
    for (int i = 0; i < 5; ++i) out[i] = static_cast<float>(values[i]);
}

}  // namespace

extern "C" {

int vs_dense_vae_step(const vs_tensor* parameters, int encoder_hidden, int decoder_hidden, int activation, vs_tensor x_,
                      vs_tensor eps_, int objective, double beta, vs_tensor* metrics) {
    VS_GUARD({
        at::NoGradGuard no_grad;
        require(encoder_hidden >= 0 && decoder_hidden >= 0, "layer counts must not be negative");
        auto layers = dense_layers(parameters, encoder_hidden + 2 + decoder_hidden + 1, -1);
        const at::Tensor& x = T(x_);
        const at::Tensor& eps = T(eps_);
        require_dense(x, "x must be contiguous float32 on the CPU");
        require_dense(eps, "eps must be contiguous float32 on the CPU");
        require(x.dim() == 2 && eps.dim() == 3 && eps.size(0) == x.size(0), "x must be (batch, inputs), eps (batch, k, latent)");
        auto out = at::empty({5}, x.options());
        write_metrics(out.data_ptr<float>(), step(layers, encoder_hidden, activation, x, eps, objective_code(objective), beta));
        *metrics = vs::wrap(out);
    })
}

int vs_dense_vae_pack_step(const vs_tensor* parameters, int encoder_hidden, int decoder_hidden, int activation,
                           vs_tensor x_, vs_tensor eps_, const int* objectives, const double* betas, vs_tensor* metrics) {
    VS_GUARD({
        at::NoGradGuard no_grad;
        require(encoder_hidden >= 0 && decoder_hidden >= 0, "layer counts must not be negative");
        const at::Tensor& x = T(x_);
        const at::Tensor& eps = T(eps_);
        require_dense(x, "x must be contiguous float32 on the CPU");
        require_dense(eps, "eps must be contiguous float32 on the CPU");
        require(x.dim() == 3 && eps.dim() == 4 && eps.size(0) == x.size(0) && eps.size(1) == x.size(1),
                "x must be (runs, batch, inputs), eps (runs, batch, k, latent)");
        const int64_t runs = x.size(0);
        auto out = at::empty({runs, 5}, x.options());
        for (int64_t r = 0; r < runs; ++r) {
            auto layers = dense_layers(parameters, encoder_hidden + 2 + decoder_hidden + 1, r);
            write_metrics(out.data_ptr<float>() + 5 * r, step(layers, encoder_hidden, activation, x.select(0, r),
                                                              eps.select(0, r), objective_code(objectives[r]), betas[r]));
        }
        *metrics = vs::wrap(out);
    })
}

}  // extern "C"
