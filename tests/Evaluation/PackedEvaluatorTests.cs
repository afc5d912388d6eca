using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Evaluation;
using VaeSweep.Core.Models;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;
using VaeSweep.Tests.Data;
using VaeSweep.Tests.Training;

namespace VaeSweep.Tests.Evaluation;

/// <summary>
/// A pack's evaluation gives each run what its lone evaluation gives it (to float tolerance: batched and plain
/// products round differently): the bound at every k, the per-point log-likelihoods, ELBO, KL, reconstruction, active
/// units, the k-hat summary, the linear probe and I(x;z). And on the CPU a run's packed evaluation is the same bits
/// whichever runs share its pack, which is what lets a sweep killed during evaluation re-form its packs at will.
/// </summary>
public sealed class PackedEvaluatorTests
{
    // Labelled, so that the linear probe has two classes to tell apart.
    private static readonly Lazy<DataBundle> Flat = new(() => SyntheticData.Bundle(test: 30, labelled: true));
    private static readonly Lazy<DataBundle> Image = new(() => SyntheticData.Bundle(test: 12, width: 28, height: 28, labelled: true));

    private static readonly RunConfig Base = new()
    {
        Seed = 21,
        Data = new DataConfig { Binarize = Binarization.Dynamic },
        Model = new ModelConfig { Latent = 3, Encoder = [16], Decoder = [16] },
        Objective = new ObjectiveConfig { Kind = ObjectiveKind.Iwae, K = 3 },
        Training = new TrainingConfig { Epochs = 2, BatchSize = 50, Lr = 3e-3 },
        // Two chunks of samples per point (60 + 40), so the chunks' log-weights are joined as the lone evaluator joins them.
        Evaluation = new EvaluationConfig { K = 100, Ks = [1, 10], ChunkSize = 60, Pictures = false },
    };

    private static ModelConfig Model(PosteriorKind posterior, bool conv) => Base.Model with
    {
        Posterior = posterior,
        EncoderConv = conv ? [new ConvLayer(3, 4, 2)] : [],
        DecoderConv = conv ? [new ConvLayer(3, 4, 2)] : [],
    };

    // An IWAE, a VAE evaluated on thresholded bits with other smaller ks, and a Monte-Carlo-KL VAE with beta 2. A
    // categorical posterior admits only the analytic-KL VAE: there the three differ in seed, beta and test bits.
    private static RunConfig[] Runs(ModelConfig model)
    {
        var categorical = model.Posterior == PosteriorKind.Categorical;
        var vae = Base.Objective with { Kind = ObjectiveKind.Vae };
        return
        [
            Base with { Model = model, Objective = categorical ? vae : Base.Objective },
            Base with
            {
                Seed = 22, Model = model, Data = Base.Data with { Binarize = Binarization.Threshold },
                Objective = vae, Evaluation = Base.Evaluation with { Ks = [5, 50] },
            },
            Base with
            {
                Seed = 23, Model = model,
                Objective = vae with { Kl = categorical ? KlEstimator.Analytic : KlEstimator.MonteCarlo, Beta = 2.0 },
            },
        ];
    }

    [Theory]
    [InlineData(PosteriorKind.Diagonal, false)]
    [InlineData(PosteriorKind.Full, false)]
    [InlineData(PosteriorKind.Diagonal, true)]
    [InlineData(PosteriorKind.Categorical, false)]
    public void Each_run_of_a_pack_is_evaluated_as_its_lone_run(PosteriorKind posterior, bool conv)
    {
        using var trained = new TrainedRuns(posterior, conv);
        var (data, configs, models) = (trained.Data, trained.Configs, trained.Models);
        using var pack = PackedVae.FromRuns(configs[0].Model, models);
        var packed = PackedEvaluator.Evaluate(pack, configs, data.Test, data.IsBinary, Device.Cpu);
        var probes = LinearProbe.Accuracies(pack, configs.Select(c => c.Data).ToList(), data, Device.Cpu);
        var information = MutualInformation.Estimates(pack, configs, data.Test, data.IsBinary, Device.Cpu);
        for (var r = 0; r < configs.Length; r++)
        {
            var lone = Evaluator.Evaluate(models[r], configs[r], data.Test, data.IsBinary, Device.Cpu);
            var (expected, actual) = (lone.Record, packed[r].Record);
            Assert.Equal((expected.K, expected.NTest, expected.ActiveUnits), (actual.K, actual.NTest, actual.ActiveUnits));
            Close(expected.LogLikelihood, actual.LogLikelihood, $"run {r} log p(x)");
            Close(expected.LogLikelihoodSe, actual.LogLikelihoodSe, $"run {r} standard error");
            Close(expected.Elbo!.Value, actual.Elbo!.Value, $"run {r} elbo");
            Close(expected.Recon!.Value, actual.Recon!.Value, $"run {r} recon");
            Close(expected.Kl!.Value, actual.Kl!.Value, $"run {r} kl");
            Close(expected.KHat!.Median, actual.KHat!.Median, $"run {r} k-hat median", 1e-3);
            Assert.Equal(lone.Bounds.Select(b => b.K), packed[r].Bounds.Select(b => b.K));
            foreach (var (e, a) in lone.Bounds.Zip(packed[r].Bounds)) Close(e.Value, a.Value, $"run {r} bound at k = {e.K}");
            Assert.Equal(lone.Points.Points, packed[r].Points.Points);
            Assert.Equal(data.Test.Count, packed[r].Points.LogLikelihoods.Count);
            foreach (var (e, a) in lone.Points.LogLikelihoods.Zip(packed[r].Points.LogLikelihoods)) Close(e, a, $"run {r} point");

            Assert.Equal(LinearProbe.Accuracy(models[r], configs[r].Data, data, Device.Cpu), probes[r]);
            var mi = MutualInformation.Estimate(models[r], configs[r], data.Test, data.IsBinary, Device.Cpu);
            Assert.Equal(mi is null, information[r] is null);     // none for a categorical posterior
            if (mi is null) continue;
            Close(mi.Value, information[r]!.Value, $"run {r} I(x;z)");
            Assert.Equal(mi.Points, information[r]!.Points);
        }
        // The runs differ, so equal values above are not one run's numbers copied to all.
        Assert.Equal(configs.Length, packed.Select(p => p.Record.LogLikelihood).Distinct().Count());
        Assert.Equal([5, 50, 100], packed[1].Bounds.Select(b => b.K));
    }

    [Theory]
    [InlineData(PosteriorKind.Diagonal, false)]
    [InlineData(PosteriorKind.Full, false)]
    [InlineData(PosteriorKind.Full, true)]
    [InlineData(PosteriorKind.Categorical, false)]
    public void A_runs_packed_evaluation_is_the_same_bits_whatever_runs_share_its_pack(PosteriorKind posterior, bool conv)
    {
        using var trained = new TrainedRuns(posterior, conv);
        var (data, configs, models) = (trained.Data, trained.Configs, trained.Models);
        var together = Evaluate([0, 1, 2]);
        // Other mates, another position, and the run alone in a pack of one.
        foreach (var (members, at) in new[] { (new[] { 2, 0 }, 1), (new[] { 0, 1 }, 0), (new[] { 0 }, 0) })
            Assert.True(together[0] == Evaluate(members)[at], $"run 0 in a pack of {string.Join(",", members)}");
        Assert.Equal(together[1], Evaluate([1])[0]);
        Assert.NotEqual(together[0], together[2]);

        // Everything a run records of its evaluation but the time it took.
        List<string> Evaluate(int[] members)
        {
            var picked = members.Select(i => configs[i]).ToList();
            using var pack = PackedVae.FromRuns(configs[0].Model, members.Select(i => models[i]).ToList());
            var results = PackedEvaluator.Evaluate(pack, picked, data.Test, data.IsBinary, Device.Cpu);
            var probes = LinearProbe.Accuracies(pack, picked.Select(c => c.Data).ToList(), data, Device.Cpu);
            var information = MutualInformation.Estimates(pack, picked, data.Test, data.IsBinary, Device.Cpu);
            return results.Select((e, r) => string.Join("|",
                e.Record with { Seconds = 0 }, string.Join(",", e.Bounds), string.Join(",", e.Points.LogLikelihoods.Select(v => v.ToString("R"))),
                probes[r]?.ToString("R"), information[r])).ToList();
        }
    }

    [Fact]
    public void Runs_whose_evaluations_cannot_share_a_pass_are_refused()
    {
        var configs = Runs(Base.Model);
        var models = configs.Select(c =>
        {
            using var g = new Generator((ulong)c.Seed);
            return new Vae(c.Model, Flat.Value.Dim, g, Device.Cpu);
        }).ToList();
        try
        {
            using var pack = PackedVae.FromRuns(Base.Model, models);
            var mixed = configs.Select((c, i) => i == 2 ? c with { Evaluation = c.Evaluation with { ChunkSize = 30 } } : c).ToList();
            var e = Assert.Throws<ArgumentException>(() =>
                PackedEvaluator.Evaluate(pack, mixed, Flat.Value.Test, Flat.Value.IsBinary, Device.Cpu));
            Assert.Contains("chunk size 30", e.Message);
            Assert.False(PackedEvaluator.CanShare(Base.Evaluation, Base.Evaluation with { K = 99 }));
            Assert.True(PackedEvaluator.CanShare(Base.Evaluation, Base.Evaluation with { Ks = [7] }));
        }
        finally
        {
            foreach (var m in models) m.Dispose();
        }
    }

    // Each run trained alone for two epochs: evaluation only needs models that differ and are not at their start.
    private sealed class TrainedRuns : IDisposable
    {
        public DataBundle Data { get; }
        public RunConfig[] Configs { get; }
        public List<Vae> Models { get; } = [];

        public TrainedRuns(PosteriorKind posterior, bool conv)
        {
            Data = conv ? Image.Value : Flat.Value;
            Configs = Runs(Model(posterior, conv));
            using var folder = new TempFolder();
            foreach (var (config, i) in Configs.Select((c, i) => (c, i)))
            {
                using var trainer = new Trainer("run" + i, config, Data, Device.Cpu, Path.Combine(folder.Path, "run" + i));
                Assert.Equal(TrainingOutcome.Finished, trainer.Train(new MemoryRecorder()).Outcome);
                using var g = new Generator(0);
                var copy = new Vae(config.Model, Data.Dim, g, Device.Cpu);
                using (Torch.no_grad())
                    foreach (var ((_, from), (_, to)) in trainer.Model.NamedParameters().Zip(copy.NamedParameters())) to.copy_(from);
                Models.Add(copy);
            }
        }

        public void Dispose()
        {
            foreach (var m in Models) m.Dispose();
        }
    }

    private static void Close(double expected, double actual, string what, double tolerance = 1e-4) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)),
            $"{what}: lone {expected:R}, packed {actual:R}");
}
