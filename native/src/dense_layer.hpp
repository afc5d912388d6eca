// The pieces of the dense VAE step (dense_vae.cpp): x's nonzeros, the activations and their derivatives, and one
// Linear layer's forward and backward with its gradients written in place.
#pragma once

#include <ATen/ATen.h>
#include <vector>

namespace vs::dense {

// The nonzero entries of x, row by row. Binarised digits are about 13% ones, so the products of the layer that
// reads x (the largest of the encoder: 784 x 200) are cheaper as sums of the weight rows of x's ones than as dense
// products: a forward row is the bias plus one weight row per nonzero, and the weight's gradient gets one row of
// the output's gradient per nonzero. Measured on the reference model (one thread, 13% ones): 0.15-0.2 ms less per
// step than OpenBLAS's two products (about 0.6 ms), transposing a lone run's weight and gradient included (a pack
// keeps its weights as rows already). The sparse sums' cost grows with the density and the products' does not:
// from those figures they break even near 21%, hence kSparseDensity.
struct SparseRows {
    std::vector<int64_t> start;  // row b's entries are [start[b], start[b + 1])
    std::vector<int32_t> column;
    std::vector<float> value;
};

constexpr double kSparseDensity = 0.2;

// Fills rows with x's nonzeros; false (rows unusable) when more than kSparseDensity of x is nonzero.
bool sparse_rows(const at::Tensor& x, SparseRows& rows);

enum Activation { kTanh = 0, kRelu = 1, kElu = 2, kSoftplus = 3, kSigmoid = 4, kLeakyRelu = 5 };

// In place, with the same ATen kernels as core/Models/Activations.cs, so the forward values are the same.
void activate(int activation, at::Tensor& h);

// d *= f'(pre-activation), written through the activation's output a, which each of these determines it from:
// tanh 1 - a^2, sigmoid a (1 - a), softplus 1 - e^-a, ELU (alpha 1) a + 1 below zero, ReLU and leaky ReLU by a's sign
// (at 0 as ATen's backward: ReLU 0, leaky 0.01).
void activation_backward(int activation, const at::Tensor& a, at::Tensor& d);

// One Linear layer and where its gradients go: weight (out, in) as torch.nn.Linear keeps it, or (in, out) when
// transposed, as a pack keeps it (core/Models/PackedLinear.cs); bias (out).
struct Dense {
    at::Tensor weight, bias, weight_grad, bias_grad;
    bool transposed;

    // sparse: the input's nonzeros, when it is x and sparse enough (SparseRows); else null.
    at::Tensor forward(const at::Tensor& input, const SparseRows* sparse = nullptr) const;

    // Fills this layer's gradients from d (rows, out) and its input (rows, in), overwriting them; returns the
    // gradient with respect to the input when asked (never for x, the only sparse input).
    at::Tensor backward(const at::Tensor& d, const at::Tensor& input, bool input_grad, const SparseRows* sparse = nullptr);

    // The weight's gradient as rows (in, out): row c is the sum of d's rows b over x's nonzeros (b, c).
    void sparse_weight_grad(const at::Tensor& d, const SparseRows& sparse);
};

}  // namespace vs::dense
