#!/usr/bin/python3
"""PyTorch's figure for `vaesweep bench`: the same step, written as a PyTorch user would write it.

The same reference model (784-200-200-50 tanh encoder with mean and log-variance heads, 50-200-200-784 tanh
decoder to Bernoulli logits), the same objective (the negative ELBO with the analytic KL, averaged over the
batch), Adam with lr 1e-3, and the same data handling as `vaesweep bench`: before timing, 800 digits spread
evenly over .data/mnist-sample/mnist-sample.bin (every count/800-th) are binarised once with one Bernoulli draw
from a generator seeded 42, into 8 batches of 100 that the steps cycle through. Both programs call the same
libtorch (Debian's libtorch 1.13, which python3-torch is built on), so the binarised bits are identical; both
print their count of ones to show it.

This is a benchmark tool only (Debian's python3-torch, run by scripts/bench-side-by-side.sh); nothing in the
build or the tests needs it.
"""
import argparse
import struct
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

HEADER = 52          # "VSMS", version, count, height, width (uint32 each), SHA-256 of the payload
DISTINCT_BATCHES = 8
DATA_SEED = 42


def load_batches(path, batch):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:4] != b"VSMS":
        sys.exit(f"error: {path}: not a VaeSweep mnist-sample cache (wrong magic); run ./vaesweep setup")
    count, height, width = struct.unpack_from("<iii", raw, 8)
    dim = height * width
    pixels = torch.frombuffer(bytearray(raw[HEADER:HEADER + count * dim]), dtype=torch.uint8).view(count, dim)
    wanted = DISTINCT_BATCHES * batch
    if wanted > count:
        sys.exit(f"error: {path}: {count} digits, the benchmark needs {wanted}; lower --batch")
    stride = count // wanted
    grey = pixels[torch.arange(wanted) * stride].float() / 255.0
    generator = torch.Generator().manual_seed(DATA_SEED)
    bits = torch.bernoulli(grey, generator=generator)
    return list(bits.split(batch)), int(bits.sum().item())


class Vae(nn.Module):
    def __init__(self, inputs=784, hidden=200, latent=50):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(inputs, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh())
        self.mean = nn.Linear(hidden, latent)
        self.log_var = nn.Linear(hidden, latent)
        self.decoder = nn.Sequential(nn.Linear(latent, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh(),
                                     nn.Linear(hidden, inputs))

    def loss(self, x):
        h = self.encoder(x)
        mu, log_var = self.mean(h), self.log_var(h)
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        logits = self.decoder(z)
        # -log p(x|z) summed over pixels; KL(q || N(0, I)) in closed form (Kingma & Welling 2014, appendix B).
        nll = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(-1)
        kl = 0.5 * (log_var.exp() + mu.square() - 1.0 - log_var).sum(-1)
        return (nll + kl).mean()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--data", default=".data/mnist-sample/mnist-sample.bin")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(1234)
    batches, ones = load_batches(args.data, args.batch)
    model = Vae()
    adam = torch.optim.Adam(model.parameters(), lr=1e-3)

    def steps(n):
        loss = None
        for i in range(n):
            # set_to_none, PyTorch 2's default and its faster choice: the gradients are written afresh.
            adam.zero_grad(set_to_none=True)
            loss = model.loss(batches[i % DISTINCT_BATCHES])
            loss.backward()
            adam.step()
        return loss.item()

    steps(args.warmup)
    start, cpu_start = time.perf_counter(), time.process_time()
    final = steps(args.steps)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    parameters = sum(p.numel() for p in model.parameters())
    print(f"pytorch        {torch.__version__}, {torch.get_num_threads()} thread(s), {parameters:,} parameters")
    print(f"data           {len(batches)} batches of {args.batch}, {ones} ones")
    print(f"samples/s      {args.steps * args.batch / seconds:.0f}")
    print(f"ms/step        {1000 * seconds / args.steps:.3f}")
    print(f"cpu ms/step    {1000 * cpu_seconds / args.steps:.3f}")
    print(f"final loss     {final:.3f}")


if __name__ == "__main__":
    main()
