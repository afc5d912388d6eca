using VaeSweep.Core.Config;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Tests.Models;

/// <summary>
/// A pack of n runs computes, step by step, the losses, metrics and gradients that the n runs compute one at a
/// time, and its Adam moves each run as the run's own Adam does: VAE and IWAE (mixed in one pack), both KL
/// estimators, diagonal and full covariance, a shared first layer, different betas, learning rates and Adam settings.
/// </summary>
public class PackedObjectiveTests
{
    private const int Inputs = 12;
    private const int Batch = 5;

    private sealed record Run(long Seed, ObjectiveKind Kind, KlEstimator Kl, double Beta, double Lr, double Beta1, double Eps,
        double Temperature = 1.0, double Alpha = 0.0);

    private static readonly Run[] Mixed =
    [
        new(1, ObjectiveKind.Vae, KlEstimator.Analytic, 1.0, 1e-2, 0.9, 1e-8),
        new(2, ObjectiveKind.Iwae, KlEstimator.Analytic, 0.5, 3e-3, 0.8, 1e-4),
        new(3, ObjectiveKind.Vae, KlEstimator.MonteCarlo, 2.0, 2e-2, 0.9, 1e-6),
        new(4, ObjectiveKind.Iwae, KlEstimator.Analytic, 1.0, 1e-3, 0.5, 1e-8),
    ];

    public static TheoryData<PosteriorKind, bool, int> Cases => new()
    {
        { PosteriorKind.Diagonal, false, 3 },
        { PosteriorKind.Full, false, 3 },
        { PosteriorKind.Diagonal, true, 1 },
        { PosteriorKind.Full, true, 4 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_pack_steps_as_its_runs_one_at_a_time(PosteriorKind posterior, bool sharedFirstLayer, int k)
    {
        var model = new ModelConfig
        {
            Latent = 3, Encoder = [10, 8], Decoder = [9], Activation = Activation.Tanh,
            Posterior = posterior, SharedFirstLayer = sharedFirstLayer,
        };
        Compare(model, Mixed, k, steps: 4);
    }

    [Theory]
    [InlineData(ObjectiveKind.Vae, KlEstimator.Analytic)]
    [InlineData(ObjectiveKind.Vae, KlEstimator.MonteCarlo)]
    [InlineData(ObjectiveKind.Iwae, KlEstimator.Analytic)]
    public void A_pack_of_one_kind_steps_as_its_runs(ObjectiveKind kind, KlEstimator kl)
    {
        var model = new ModelConfig { Latent = 2, Encoder = [7], Decoder = [7, 6], Activation = Activation.Relu };
        Run[] runs = [new(5, kind, kl, 1.0, 1e-2, 0.9, 1e-8), new(6, kind, kl, 0.25, 5e-3, 0.9, 1e-8)];
        Compare(model, runs, k: 5, steps: 3);
    }

    // Gumbel-softmax samples at each run's own temperature, each run's noise from its own generator; the bound is NaN
    // for every run, alone and packed.
    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(2, true)]
    public void A_categorical_pack_steps_as_its_runs_one_at_a_time(int k, bool noHiddenDecoderLayer)
    {
        var model = new ModelConfig
        {
            Latent = 3, Categories = 4, Encoder = [10], Decoder = noHiddenDecoderLayer ? [] : [9], Activation = Activation.Relu,
            Posterior = PosteriorKind.Categorical,
        };
        Run[] runs =
        [
            new(1, ObjectiveKind.Vae, KlEstimator.Analytic, 1.0, 1e-2, 0.9, 1e-8, Temperature: 1.0),
            new(2, ObjectiveKind.Vae, KlEstimator.Analytic, 0.5, 3e-3, 0.8, 1e-4, Temperature: 0.3),
            new(3, ObjectiveKind.Vae, KlEstimator.Analytic, 2.0, 2e-2, 0.9, 1e-6, Temperature: 2.5),
        ];
        Compare(model, runs, k, steps: 4);
    }

    // M2 (Kingma et al. 2014): labelled and unlabelled batches, each run with its own beta, alpha, KL estimator and noise;
    // the classifier's gradients are compared with the rest. Without an unlabelled batch too (every example labelled).
    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public void An_m2_pack_steps_as_its_runs_one_at_a_time(int k, bool unlabelled)
    {
        const int classes = 3;
        var model = new ModelConfig { Latent = 2, Encoder = [9], Decoder = [8], Activation = Activation.Tanh };
        Run[] runs =
        [
            new(1, ObjectiveKind.M2, KlEstimator.Analytic, 1.0, 1e-2, 0.9, 1e-4, Alpha: 0.1),
            new(2, ObjectiveKind.M2, KlEstimator.MonteCarlo, 0.5, 3e-3, 0.8, 1e-4, Alpha: 5.0),
            new(3, ObjectiveKind.M2, KlEstimator.Analytic, 2.0, 2e-2, 0.9, 1e-5, Alpha: 1.0),
        ];
        // Adam's first step is about lr times the gradient's sign: at eps = 1e-8 a classifier weight whose gradient is
        // rounding-sized (the labelled term's at alpha = 0.1) moved 1.6e-5 differently alone and packed, a float effect.
        var weights = unlabelled ? (0.25, 0.75) : (1.0, 0.0);
        using var scope = new DisposeScope();
        using var f = new Fixture(model, runs, classes);
        var data = new Random(8);
        for (var step = 0; step < 3; step++)
        {
            using var stepScope = new DisposeScope();
            var xs = runs.Select(_ => Pixels(data, Batch)).ToList();
            var us = runs.Select(_ => unlabelled ? Pixels(data, Batch + 2) : null).ToList();
            var labels = runs.Select(_ => M2Objective.OneHot(Enumerable.Range(0, Batch).Select(_ => data.Next(classes)).ToArray(),
                classes, Device.Cpu)).ToList();
            var expectedMetrics = f.Lone.Select((l, i) => l.Step(g => M2Objective.Compute(l.Model, xs[i], labels[i], us[i], weights,
                k, runs[i].Beta, runs[i].Alpha, runs[i].Kl, g))).ToList();

            f.Check(PackedM2Objective.Compute(f.Pack, Torch.stack(xs), Torch.stack(labels),
                unlabelled ? Torch.stack(us.Select(u => u!).ToList()) : null, weights, k, f.Objectives, f.Generators),
                expectedMetrics, step);
        }
    }

    private static Tensor Pixels(Random data, int rows) =>
        Torch.tensor(Enumerable.Range(0, rows * Inputs).Select(_ => data.NextDouble() < 0.4 ? 1f : 0f).ToArray(), [rows, Inputs]);

    private static void Compare(ModelConfig model, Run[] runs, int k, int steps)
    {
        using var scope = new DisposeScope();
        using var f = new Fixture(model, runs);
        var data = new Random(7);
        for (var step = 0; step < steps; step++)
        {
            using var stepScope = new DisposeScope();
            var xs = runs.Select(_ => Pixels(data, Batch)).ToList();
            var expectedMetrics = f.Lone.Select((l, i) => l.Step(xs[i], k)).ToList();

            f.Check(PackedObjective.Compute(f.Pack, Torch.stack(xs), k, f.Objectives, f.Generators), expectedMetrics, step);
        }
    }

    /// <summary>The runs alone, and the same runs as a pack built from models initialised by the runs' own seeds,
    /// exactly as its lone runs are, with each run's Adam.</summary>
    private sealed class Fixture : IDisposable
    {
        public List<Lone> Lone { get; }
        public List<Generator> Generators { get; }
        public List<RunObjective> Objectives { get; }
        public PackedVae Pack { get; }
        private readonly List<Vae> models;
        private readonly List<Adam> adams;
        private readonly PackedAdam packAdam;

        public Fixture(ModelConfig model, Run[] runs, int classes = 0)
        {
            Lone = runs.Select(r => new Lone(r, model, classes)).ToList();
            Generators = runs.Select(r => new Generator((ulong)r.Seed)).ToList();
            models = runs.Select((r, i) => new Vae(model, Inputs, Generators[i], Device.Cpu, classes)).ToList();
            adams = runs.Select((r, i) => new Adam(models[i].Parameters(), r.Lr, r.Beta1, 0.999, r.Eps)).ToList();
            Pack = PackedVae.FromRuns(model, models);
            packAdam = PackedAdam.FromRuns(Pack.Parameters(), adams, PackedVae.RunLayout);
            Objectives = runs.Select(r => new RunObjective(r.Kind, r.Kl, r.Beta, r.Temperature, r.Alpha)).ToList();
        }

        /// <summary>The pack's step against the lone runs' (taken already): metrics and gradients, then after Adam's
        /// step the parameters.</summary>
        public void Check(PackedStepTerms terms, List<float[]> expectedMetrics, int step)
        {
            packAdam.zero_grad();
            terms.TotalLoss().backward();
            CheckGradients(Pack, Lone, terms.Stacked().data<float>(), expectedMetrics, step);
            packAdam.step();
            CheckParameters(Pack, Lone, step);
        }

        public void Dispose()
        {
            packAdam.Dispose();
            Pack.Dispose();
            foreach (var l in Lone) l.Dispose();
            foreach (var a in adams) a.Dispose();
            foreach (var m in models) m.Dispose();
            foreach (var g in Generators) g.Dispose();
        }
    }

    /// <summary>Each run's five metrics and every parameter's gradient, the pack's against its lone run's.</summary>
    private static void CheckGradients(PackedVae pack, List<Lone> lone, float[] metrics, List<float[]> expectedMetrics, int step)
    {
        for (var r = 0; r < lone.Count; r++)
        {
            Close(expectedMetrics[r], metrics[(r * 5)..(r * 5 + 5)], $"step {step}, run {r}, metrics");
            foreach (var ((name, packed), (_, single)) in pack.NamedParameters().Zip(lone[r].Model.NamedParameters()))
                Close(single.grad()!.data<float>(), PackedVae.RunLayout(packed.grad()!.select(0, r)).contiguous().data<float>(),
                    $"step {step}, run {r}, gradient of {name}");
        }
    }

    /// <summary>After Adam's step: every run's parameters in the pack against its lone run's.</summary>
    private static void CheckParameters(PackedVae pack, List<Lone> lone, int step)
    {
        for (var r = 0; r < lone.Count; r++)
            foreach (var ((name, packed), (_, single)) in pack.NamedParameters().Zip(lone[r].Model.NamedParameters()))
                Close(single.data<float>(), PackedVae.RunLayout(packed.select(0, r)).contiguous().data<float>(),
                    $"after step {step}, run {r}, {name}");
    }

    /// <summary>One run as a single run trains it (Trainer's construction, TrainingStep's order).</summary>
    private sealed class Lone : IDisposable
    {
        private readonly Run run;
        private readonly Generator generator;
        private readonly Adam adam;
        public Vae Model { get; }

        public Lone(Run run, ModelConfig model, int classes = 0)
        {
            this.run = run;
            generator = new Generator((ulong)run.Seed);
            Model = new Vae(model, Inputs, generator, Device.Cpu, classes);
            adam = new Adam(Model.Parameters(), run.Lr, run.Beta1, 0.999, run.Eps);
        }

        /// <summary>Loss and gradients of one step, then Adam's update; returns the five metrics.</summary>
        public float[] Step(Tensor x, int k) =>
            Step(g => Objective.Compute(Model, x, run.Kind, k, run.Beta, run.Kl, g, run.Temperature));

        /// <summary>The same for the step's terms computed by <paramref name="objective"/> from the run's generator.</summary>
        public float[] Step(Func<Generator, StepTerms> objective)
        {
            var terms = objective(generator);
            adam.zero_grad();
            terms.Loss.backward();
            var metrics = terms.Stacked().data<float>();
            adam.step();
            // The gradients are compared after the pack's backward; Adam has not touched them.
            return metrics;
        }

        public void Dispose()
        {
            adam.Dispose();
            Model.Dispose();
            generator.Dispose();
        }
    }

    private static void Close(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = Math.Max(1e-3, expected.Where(float.IsFinite).Select(Math.Abs).DefaultIfEmpty(0f).Max());
        for (var i = 0; i < expected.Length; i++)
            // A categorical run has no k-sample bound: NaN alone and packed alike.
            if (float.IsNaN(expected[i])) Assert.True(float.IsNaN(actual[i]), $"{what}[{i}]: expected NaN, got {actual[i]}");
            else Assert.True(Math.Abs(expected[i] - actual[i]) <= 2e-5 * scale + 1e-6 * Math.Abs(expected[i]),
                $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
    }
}
