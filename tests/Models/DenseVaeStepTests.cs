using VaeSweep.Core.Config;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Tests.Models;

/// <summary>
/// The dense VAE's hand-written step (native/src/dense_vae.cpp) computes what autograd computes through
/// <see cref="Objective.Compute"/>: the five metrics and every parameter's gradient, step after step with Adam between,
/// for each objective, each activation, several depths and k, binary and fractional pixels; and it is offered only to
/// the models it covers.
/// </summary>
public class DenseVaeStepTests
{
    private const int Inputs = 13;
    private const int Batch = 6;

    public static TheoryData<ObjectiveKind, KlEstimator, int, double> Objectives => new()
    {
        { ObjectiveKind.Vae, KlEstimator.Analytic, 1, 1.0 },
        { ObjectiveKind.Vae, KlEstimator.Analytic, 3, 0.25 },
        { ObjectiveKind.Vae, KlEstimator.MonteCarlo, 1, 1.0 },
        { ObjectiveKind.Vae, KlEstimator.MonteCarlo, 4, 2.0 },
        { ObjectiveKind.Iwae, KlEstimator.Analytic, 5, 1.0 },
        { ObjectiveKind.Iwae, KlEstimator.Analytic, 3, 0.5 },
        { ObjectiveKind.Iwae, KlEstimator.Analytic, 1, 1.0 },
    };

    [Theory]
    [MemberData(nameof(Objectives))]
    public void Steps_as_autograd_for_each_objective(ObjectiveKind kind, KlEstimator kl, int k, double beta)
    {
        var model = new ModelConfig { Latent = 3, Encoder = [10, 8], Decoder = [9, 7], Activation = Activation.Tanh };
        Compare(model, kind, kl, k, beta, binary: true, density: 0.4);
        Compare(model, kind, kl, k, beta, binary: true, density: 0.1);
    }

    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Elu)]
    [InlineData(Activation.Softplus)]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.LeakyRelu)]
    public void Steps_as_autograd_for_each_activation(Activation activation)
    {
        var model = new ModelConfig { Latent = 2, Encoder = [9], Decoder = [8], Activation = activation };
        Compare(model, ObjectiveKind.Iwae, KlEstimator.Analytic, k: 2, beta: 0.7, binary: false, density: 1.0);
    }

    [Theory]
    [InlineData(new int[0], new int[0])]
    [InlineData(new[] { 11 }, new int[0])]
    [InlineData(new int[0], new[] { 6, 5, 4 })]
    public void Steps_as_autograd_at_any_depth(int[] encoder, int[] decoder)
    {
        var model = new ModelConfig { Latent = 4, Encoder = encoder, Decoder = decoder, Activation = Activation.Relu };
        Compare(model, ObjectiveKind.Vae, KlEstimator.Analytic, k: 2, beta: 1.5, binary: false, density: 1.0);
        Compare(model, ObjectiveKind.Vae, KlEstimator.Analytic, k: 2, beta: 1.5, binary: false, density: 0.1);
    }

    // Each run of a pack on its slices, with its own objective, beta and noise, against the same run stepped alone by
    // autograd; Adam between steps.
    [Fact]
    public void A_pack_steps_as_its_runs_alone()
    {
        var config = new ModelConfig { Latent = 3, Encoder = [10, 8], Decoder = [9], Activation = Activation.Tanh };
        (ObjectiveKind Kind, KlEstimator Kl, double Beta)[] runs =
            [(ObjectiveKind.Vae, KlEstimator.Analytic, 1.0), (ObjectiveKind.Iwae, KlEstimator.Analytic, 0.5), (ObjectiveKind.Vae, KlEstimator.MonteCarlo, 2.0)];
        const int k = 3;
        using var scope = new DisposeScope();
        var owned = new List<IDisposable>();
        T Own<T>(T d) where T : IDisposable { owned.Add(d); return d; }
        try
        {
            var inits = runs.Select((_, i) => Own(new Generator((ulong)(20 + i)))).ToList();
            var alone = runs.Select((_, i) => Own(new Vae(config, Inputs, inits[i], Device.Cpu))).ToList();
            var packInits = runs.Select((_, i) => Own(new Generator((ulong)(20 + i)))).ToList();
            var packed = runs.Select((_, i) => Own(new Vae(config, Inputs, packInits[i], Device.Cpu))).ToList();
            var pack = Own(PackedVae.FromRuns(config, packed));
            Assert.NotNull(pack.DenseStep);
            var adams = alone.Select(m => Own(new Adam(m.Parameters(), 1e-2))).ToList();
            var packAdam = Own(PackedAdam.FromRuns(pack.Parameters(),
                packed.Select(m => Own(new Adam(m.Parameters(), 1e-2))).ToList(), PackedVae.RunLayout));
            var noise = runs.Select((_, i) => Own(new Generator((ulong)(40 + i)))).ToList();
            var packNoise = runs.Select((_, i) => Own(new Generator((ulong)(40 + i)))).ToList();
            var objectives = runs.Select(r => new RunObjective(r.Kind, r.Kl, r.Beta)).ToList();
            var data = new Random(4);
            for (var s = 0; s < 3; s++)
            {
                using var stepScope = new DisposeScope();
                var xs = runs.Select((_, r) => Pixels(data, Batch, r == 1 ? 0.4 : 0.1, binary: true)).ToList();
                var metrics = pack.DenseStep!.Run(Torch.stack(xs), k, objectives, packNoise).data<float>();
                for (var r = 0; r < runs.Length; r++)
                {
                    adams[r].zero_grad();
                    var terms = Objective.Compute(alone[r], xs[r], runs[r].Kind, k, runs[r].Beta, runs[r].Kl, noise[r]);
                    terms.Loss.backward();
                    Close(terms.Stacked().data<float>(), metrics[(5 * r)..(5 * r + 5)], $"step {s}, run {r}: metrics");
                    foreach (var ((name, p), (_, a)) in pack.NamedParameters().Zip(alone[r].NamedParameters()))
                        Close(a.grad()!.data<float>(), PackedVae.RunLayout(p.grad()!.select(0, r)).contiguous().data<float>(),
                            $"step {s}, run {r}: gradient of {name}");
                    adams[r].step();
                }
                packAdam.step();
            }
        }
        finally
        {
            foreach (var d in Enumerable.Reverse(owned)) d.Dispose();
        }
    }

    [Fact]
    public void Is_offered_only_to_the_dense_diagonal_vae_in_float32_on_the_cpu()
    {
        using var g = new Generator(1);
        Vae Make(ModelConfig config) => new(config, 784, g, Device.Cpu);
        using var dense = Make(new ModelConfig { Latent = 2, Encoder = [8], Decoder = [8] });
        Assert.NotNull(dense.DenseStep);
        using var full = Make(new ModelConfig { Latent = 2, Encoder = [8], Decoder = [8], Posterior = PosteriorKind.Full });
        Assert.Null(full.DenseStep);
        using var shared = Make(new ModelConfig { Latent = 2, Encoder = [8, 8], Decoder = [8], SharedFirstLayer = true });
        Assert.Null(shared.DenseStep);
        using var categorical = Make(new ModelConfig { Latent = 2, Categories = 3, Encoder = [8], Decoder = [8], Posterior = PosteriorKind.Categorical });
        Assert.Null(categorical.DenseStep);
        using var m2 = new Vae(new ModelConfig { Latent = 2, Encoder = [8], Decoder = [8] }, 784, g, Device.Cpu, classes: 3);
        Assert.Null(m2.DenseStep);
        using var conv = Make(new ModelConfig { Latent = 2, Encoder = [8], Decoder = [8], EncoderConv = [new ConvLayer(4, 4, 2)] });
        Assert.Null(conv.DenseStep);
    }

    /// <summary>Two copies of one model from one seed, one stepped by hand and one by autograd, each with its own Adam
    /// and its own generator of one seed, for four steps: metrics and gradients must agree at every step (Adam between
    /// steps carries any difference forward, so later steps check the accumulated drift too).</summary>
    private static void Compare(ModelConfig config, ObjectiveKind kind, KlEstimator kl, int k, double beta, bool binary,
        double density)
    {
        using var scope = new DisposeScope();
        using var initHand = new Generator(5);
        using var initAuto = new Generator(5);
        using var hand = new Vae(config, Inputs, initHand, Device.Cpu);
        using var auto = new Vae(config, Inputs, initAuto, Device.Cpu);
        var step = hand.DenseStep;
        Assert.NotNull(step);
        using var adamHand = new Adam(hand.Parameters(), 1e-2);
        using var adamAuto = new Adam(auto.Parameters(), 1e-2);
        using var noiseHand = new Generator(9);
        using var noiseAuto = new Generator(9);
        var data = new Random(3);
        for (var s = 0; s < 4; s++)
        {
            using var stepScope = new DisposeScope();
            var x = Pixels(data, Batch, density, binary);

            var metrics = step!.Run(x, kind, kl, k, beta, noiseHand).data<float>();
            adamAuto.zero_grad();
            var terms = Objective.Compute(auto, x, kind, k, beta, kl, noiseAuto);
            terms.Loss.backward();
            Close(terms.Stacked().data<float>(), metrics, $"step {s}: metrics (loss, elbo, recon, kl, bound)");
            foreach (var ((name, h), (_, a)) in hand.NamedParameters().Zip(auto.NamedParameters()))
                Close(a.grad()!.data<float>(), h.grad()!.data<float>(), $"step {s}: gradient of {name}");
            adamHand.step();
            adamAuto.step();
        }
    }

    /// <summary>x with each pixel nonzero with probability <paramref name="density"/>: 1, or uniform in (0, 1). Below
    /// 20% nonzero the step reads x as sparse rows (dense_vae.cpp), above it through dense products: both are checked.</summary>
    private static Tensor Pixels(Random data, int rows, double density, bool binary) =>
        Torch.tensor(Enumerable.Range(0, rows * Inputs)
            .Select(_ => data.NextDouble() >= density ? 0f : binary ? 1f : (float)(1.0 - data.NextDouble())).ToArray(), [rows, Inputs]);

    private static void Close(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = Math.Max(1e-3, expected.Select(Math.Abs).Max());
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 2e-5 * scale + 1e-5 * Math.Abs(expected[i]),
                $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
    }
}
