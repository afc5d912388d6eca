using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.SelfTest;

/// <summary>
/// A small model and synthetic binary data for the objective checks: big enough to have every part of the real
/// model (a hidden layer each side, several latents), small enough that a check runs in milliseconds.
/// </summary>
public static class CheckFixtures
{
    public const int Inputs = 24;

    public static ModelConfig TinyConfig(PosteriorKind posterior = PosteriorKind.Diagonal) => new()
    {
        Latent = 4, Encoder = [32], Decoder = [32], Activation = Activation.Tanh, Posterior = posterior,
    };

    public static Vae TinyModel(Device device, ulong seed = 42, PosteriorKind posterior = PosteriorKind.Diagonal)
    {
        using var g = new Generator(seed, device);
        return new Vae(TinyConfig(posterior), Inputs, g, device);
    }

    /// <summary>n binary vectors, each pixel on with its own fixed probability, so the data have structure a
    /// model can learn. Deterministic in <paramref name="seed"/>.</summary>
    public static float[] BinaryPixels(int n, int dim, int seed)
    {
        var random = new Random(seed);
        var probability = new double[dim];
        for (var j = 0; j < dim; j++) probability[j] = 0.1 + 0.8 * random.NextDouble();
        var pixels = new float[n * dim];
        for (var i = 0; i < n; i++)
        {
            // Two kinds of example, one the complement of the other's probabilities: a latent worth finding.
            var flip = random.Next(2) == 1;
            for (var j = 0; j < dim; j++)
            {
                var p = flip ? 1 - probability[j] : probability[j];
                pixels[i * dim + j] = random.NextDouble() < p ? 1f : 0f;
            }
        }
        return pixels;
    }

    public static Tensor BinaryBatch(int n, Device device, int seed = 1) =>
        Torch.tensor(BinaryPixels(n, Inputs, seed), [n, Inputs], device);

    public static DataSplit BinarySplit(string name, int n, int dim, int seed) =>
        new(name, BinaryPixels(n, dim, seed), new byte[n], dim);
}
