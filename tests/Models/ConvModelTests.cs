using VaeSweep.Core.Config;
using VaeSweep.Core.Models;
using VaeSweep.Core.SelfTest;
using VaeSweep.Core.Tensors;
using VaeSweep.Tests.Tensors;

namespace VaeSweep.Tests.Models;

/// <summary>Convolutional encoders and decoders: their layers and shapes, a pack's grouped layers against the lone
/// model, and a few training steps that lower the loss.</summary>
public sealed class ConvModelTests
{
    private const int Pixels = 28 * 28;

    private static readonly ModelConfig Config = new()
    {
        Latent = 4, Encoder = [32], Decoder = [32], Activation = Activation.Relu,
        EncoderConv = [new ConvLayer(4, 4, 2), new ConvLayer(8, 4, 2)],
        DecoderConv = [new ConvLayer(4, 4, 2), new ConvLayer(8, 4, 2)],
    };

    private static Tensor Batch(int n, int seed, Device device) =>
        Torch.tensor(CheckFixtures.BinaryPixels(n, Pixels, seed), [n, Pixels], device);

    /// <summary>n 28x28 images of one vertical or one horizontal bar, four pixels wide at a random place, the rest
    /// off: mostly empty, with structure a convolution sees.</summary>
    private static Tensor Bars(int n, int seed)
    {
        var random = new Random(seed);
        var pixels = new float[n * Pixels];
        for (var i = 0; i < n; i++)
        {
            var vertical = random.Next(2) == 1;
            var at = random.Next(24);
            for (var r = 0; r < 28; r++)
                for (var c = 0; c < 28; c++)
                    if ((vertical ? c : r) - at is >= 0 and < 4) pixels[i * Pixels + r * 28 + c] = 1;
        }
        return Torch.tensor(pixels, [n, Pixels]);
    }

    [Fact]
    public void The_layers_take_28_to_14_to_7_and_the_decoder_mirrors_them_back_to_28x28_logits()
    {
        using var scope = new DisposeScope();
        using var g = new Generator(1);
        using var model = new Vae(Config, Pixels, g, Device.Cpu);
        var shapes = model.NamedParameters().ToDictionary(p => p.Name, p => p.Tensor.shape);

        Assert.Equal([4L, 1, 4, 4], shapes["encoder.conv.0.weight"]);
        Assert.Equal([8L, 4, 4, 4], shapes["encoder.conv.1.weight"]);
        Assert.Equal([32L, 8 * 7 * 7], shapes["encoder.trunk.0.weight"]);
        Assert.Equal([8L * 7 * 7, 32], shapes["decoder.deconv.project.weight"]);
        Assert.Equal([8L, 4, 4, 4], shapes["decoder.deconv.0.weight"]);   // transposed: (in, out, k, k), 7 -> 14
        Assert.Equal([4L, 1, 4, 4], shapes["decoder.deconv.1.weight"]);   // 14 -> 28, one channel of logits
        Assert.DoesNotContain("decoder.logits.weight", shapes.Keys);
        var logits = model.Decoder.forward(Torch.zeros([5, 4]));
        Assert.Equal([5L, Pixels], logits.shape);
        Assert.Equal([5L, 4], model.Encoder.forward(Batch(5, 1, Device.Cpu)).Mean.shape);
    }

    [Fact]
    public void A_categorical_posterior_takes_conv_layers_too()
    {
        using var scope = new DisposeScope();
        using var g = new Generator(2);
        using var model = new Vae(Config with { Posterior = PosteriorKind.Categorical, Categories = 5 }, Pixels, g, Device.Cpu);

        var terms = model.LogWeightTerms(Bars(3, 1), 2, g);

        Assert.Equal([4L, 1, 4, 4], model.NamedParameters().Single(p => p.Name == "encoder.conv.0.weight").Tensor.shape);
        Assert.Equal([8L * 7 * 7, 32], model.NamedParameters().Single(p => p.Name == "decoder.deconv.project.weight").Tensor.shape);
        Assert.Equal([3L, 2], terms.LogPxz.shape);
        Assert.True(double.IsFinite(terms.LogWeights().sum().item()));
    }

    [Fact]
    public void A_convolutional_model_refuses_inputs_that_are_not_28x28()
    {
        using var g = new Generator(1);

        var e = Assert.Throws<ArgumentException>(() => new Vae(Config, 24, g, Device.Cpu));

        Assert.Contains("28x28", e.Message);
    }

    [Fact]
    public void Each_run_of_a_pack_computes_what_its_lone_model_does()
    {
        using var scope = new DisposeScope();
        var runs = Enumerable.Range(0, 3).Select(i =>
        {
            using var g = new Generator((ulong)(10 + i));
            return new Vae(Config, Pixels, g, Device.Cpu);
        }).ToList();
        using var packed = PackedVae.FromRuns(Config, runs);
        var xs = Enumerable.Range(0, 3).Select(i => Batch(6, 20 + i, Device.Cpu)).ToList();

        var posterior = packed.Encoder.forward(Torch.stack(xs));                       // (3 * 6, latent)
        var z = Torch.stack(Enumerable.Range(0, 3).Select(i => Torch.ones([6, 4]) * (0.3 * i - 0.2)).ToList());
        var logits = packed.Decoder.forward(z);                                       // (3, 6, 784)

        for (var i = 0; i < 3; i++)
        {
            var mean = posterior.Mean.narrow(0, 6 * i, 6);
            // To float rounding: the pack's dense layers are batched products, the lone model's plain ones.
            TensorAssert.Close(runs[i].Encoder.forward(xs[i]).Mean.to(ScalarType.Float64).data<double>(), mean, 1e-5);
            TensorAssert.Close(runs[i].Decoder.forward(z.select(0, i)).to(ScalarType.Float64).data<double>(), logits.select(0, i), 1e-5);
        }
        foreach (var run in runs) run.Dispose();
    }

    [Fact]
    public void A_few_steps_lower_the_loss_of_a_convolutional_vae()
    {
        using var scope = new DisposeScope();
        using var g = new Generator(3);
        using var model = new Vae(Config, Pixels, g, Device.Cpu);
        using var adam = new Adam(model.Parameters(), lr: 1e-2);
        var x = Bars(32, 4);
        var losses = new List<double>();
        for (var step = 0; step < 20; step++)
        {
            using var inner = new DisposeScope();
            adam.zero_grad();
            var terms = Objective.Compute(model, x, ObjectiveKind.Vae, 1, 1.0, KlEstimator.Analytic, g);
            terms.Loss.backward();
            adam.step();
            losses.Add(terms.Loss.item());
        }

        // An untrained decoder sits near 784 log 2 = 543 nats; twenty steps on one batch must take off a clear part.
        Assert.True(losses[^1] < losses[0] - 30, $"loss went from {losses[0]} to {losses[^1]}");
    }
}
