using System.Runtime.InteropServices;
using VaeSweep.Core.Config;
using VaeSweep.Core.Models;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;
using VaeSweep.Tests.Data;

namespace VaeSweep.Tests.Training;

/// <summary>
/// A pack trains each of its runs as that run's lone Trainer does (to float tolerance), a run that diverges leaves
/// the pack without changing the others by a single bit, and its checkpoints are ordinary single-run checkpoints.
/// </summary>
public sealed class PackedTrainerTests
{
    // A k-schedule, warm-up and the IWAE lr schedule move between epochs; dynamic binarisation differs per seed.
    private static readonly RunConfig Base = new()
    {
        Seed = 11,
        Data = new DataConfig { Binarize = Binarization.Dynamic },
        Model = new ModelConfig { Latent = 3, Encoder = [16], Decoder = [16] },
        Objective = new ObjectiveConfig { Kind = ObjectiveKind.Iwae, K = 2, KSchedule = [new KStep(2, 4)], WarmupEpochs = 2 },
        Training = new TrainingConfig { Epochs = 4, BatchSize = 50, LrSchedule = LrSchedule.Iwae },
    };

    // Convolutional runs read 28x28 images: a small conv encoder and its mirror as the decoder.
    private static readonly ModelConfig Conv = Base.Model with
    {
        EncoderConv = [new ConvLayer(3, 4, 2), new ConvLayer(4, 4, 2)], DecoderConv = [new ConvLayer(3, 4, 2), new ConvLayer(4, 4, 2)],
    };

    private static Core.Data.DataBundle DataFor(bool conv) => conv ? SyntheticData.Bundle(width: 28, height: 28) : SyntheticData.Bundle();

    private static RunConfig[] Members(PosteriorKind posterior, bool conv = false) => posterior == PosteriorKind.Categorical
        ? CategoricalMembers((conv ? Conv : Base.Model) with { Posterior = posterior, Latent = 3, Categories = 4 })
        : Members((conv ? Conv : Base.Model) with { Posterior = posterior });

    // A categorical latent trains only the VAE with the analytic KL; its runs differ in temperature and its annealing,
    // beta and warm-up, learning rate and schedule, Adam's settings, and binarisation by seed.
    private static RunConfig[] CategoricalMembers(ModelConfig model) =>
    [
        Base with
        {
            Model = model,
            Objective = Base.Objective with { Kind = ObjectiveKind.Vae, Temperature = 1.0, TemperatureEnd = 0.5, TemperatureEpochs = 3 },
        },
        Base with
        {
            Seed = 12, Model = model,
            Objective = Base.Objective with { Kind = ObjectiveKind.Vae, Beta = 0.5, WarmupEpochs = 0, Temperature = 0.7 },
            Training = Base.Training with { Lr = 3e-3, LrSchedule = LrSchedule.Constant, Beta1 = 0.8 },
        },
        Base with
        {
            Seed = 13, Model = model,
            Objective = Base.Objective with { Kind = ObjectiveKind.Vae, Beta = 2.0, Temperature = 2.0, TemperatureEnd = 0.3, TemperatureEpochs = 2 },
            Training = Base.Training with { Lr = 2e-3, Eps = 1e-6 },
        },
    ];

    private static RunConfig[] Members(ModelConfig model) =>
    [
        Base with { Model = model },
        Base with
        {
            Seed = 12, Model = model,
            Objective = Base.Objective with { Kind = ObjectiveKind.Vae, Beta = 0.5, WarmupEpochs = 0 },
            Training = Base.Training with { Lr = 3e-3, LrSchedule = LrSchedule.Constant, Beta1 = 0.8 },
        },
        Base with
        {
            Seed = 13, Model = model,
            Objective = Base.Objective with { Kind = ObjectiveKind.Vae, Kl = KlEstimator.MonteCarlo, Beta = 2.0 },
            Training = Base.Training with { Lr = 2e-3, Eps = 1e-6 },
        },
    ];

    // M2 on the two kinds of synthetic example with 10 labels: runs differ in alpha, beta and warm-up, KL estimator,
    // learning rate and schedule and Adam's settings; the k-schedule is shared.
    private static readonly RunConfig[] M2Members =
    [
        Base with
        {
            Data = Base.Data with { Classes = [0, 1], Labelled = 10 },
            Objective = Base.Objective with { Kind = ObjectiveKind.M2, Alpha = 1.0 },
        },
        Base with
        {
            Seed = 12, Data = Base.Data with { Classes = [0, 1], Labelled = 10 },
            Objective = Base.Objective with { Kind = ObjectiveKind.M2, Alpha = 0.1, Beta = 0.5, WarmupEpochs = 0 },
            Training = Base.Training with { Lr = 3e-3, LrSchedule = LrSchedule.Constant, Beta1 = 0.8 },
        },
        Base with
        {
            Seed = 13, Data = Base.Data with { Classes = [0, 1], Labelled = 10 },
            Objective = Base.Objective with { Kind = ObjectiveKind.M2, Alpha = 5.0, Kl = KlEstimator.MonteCarlo, Beta = 2.0 },
            Training = Base.Training with { Lr = 2e-3, Eps = 1e-6 },
        },
    ];

    // Every step takes Adam so far that the log-variances overflow exp within the first epoch.
    private static readonly RunConfig Diverging = Base with
    {
        Seed = 14, Objective = Base.Objective with { Kind = ObjectiveKind.Vae },
        Training = Base.Training with { Lr = 1e4, LrSchedule = LrSchedule.Constant },
    };

    [Theory]
    [InlineData(PosteriorKind.Diagonal, false)]
    [InlineData(PosteriorKind.Full, false)]
    [InlineData(PosteriorKind.Diagonal, true)]
    [InlineData(PosteriorKind.Categorical, false)]
    [InlineData(PosteriorKind.Categorical, true)]
    public void Each_run_of_a_pack_trains_as_its_lone_run(PosteriorKind posterior, bool conv) =>
        EachRunTrainsAsItsLoneRun(Members(posterior, conv), DataFor(conv));

    [Fact]
    public void Each_run_of_an_m2_pack_trains_as_its_lone_run() =>
        EachRunTrainsAsItsLoneRun(M2Members, SyntheticData.Bundle(labelled: true));

    private static void EachRunTrainsAsItsLoneRun(RunConfig[] configs, Core.Data.DataBundle data)
    {
        using var folder = new TempFolder();
        var packed = TrainPack(configs, data, folder.Path, "pack", out var packedParameters);
        for (var i = 0; i < configs.Length; i++)
        {
            var lone = new MemoryRecorder();
            using var trainer = new Trainer(Key(i), configs[i], data, Device.Cpu, Path.Combine(folder.Path, "lone" + i));
            Assert.Equal(TrainingOutcome.Finished, trainer.Train(lone).Outcome);
            Assert.Equal(configs[i].Training.Epochs, packed[i].Epochs.Count);
            foreach (var (expected, actual) in lone.Epochs.Zip(packed[i].Epochs))
            {
                Assert.Equal((expected.Epoch, expected.K, expected.Beta, expected.Lr), (actual.Epoch, actual.K, actual.Beta, actual.Lr));
                Close(expected.TrainLoss, actual.TrainLoss, $"run {i} epoch {expected.Epoch} loss");
                Close(expected.TrainElbo!.Value, actual.TrainElbo!.Value, $"run {i} epoch {expected.Epoch} elbo");
                Close(expected.ValidElbo!.Value, actual.ValidElbo!.Value, $"run {i} epoch {expected.Epoch} validation elbo");
                Assert.Equal(expected.ClassifierAccuracy.HasValue, actual.ClassifierAccuracy.HasValue);
            }
            foreach (var (expected, actual) in Parameters(trainer.Model).Zip(packedParameters[i]))
                for (var j = 0; j < expected.Length; j++) Close(expected[j], actual[j], $"run {i} parameter");
        }
    }

    [Fact]
    public void A_diverging_run_leaves_the_pack_and_the_others_finish_bit_identically()
    {
        var data = SyntheticData.Bundle();
        using var folder = new TempFolder();
        var members = Members(PosteriorKind.Diagonal);
        var without = TrainPack(members, data, folder.Path, "without", out var withoutParameters);
        var with = TrainPack([members[0], Diverging, members[1], members[2]], data, folder.Path, "with",
            out var withParameters, out var results);

        Assert.Equal(TrainingOutcome.Diverged, results[1].Outcome);
        Assert.Contains("loss became", results[1].Reason);
        var curve = with[1].Epochs;
        Assert.False(double.IsFinite(curve[^1].TrainLoss));     // the diverged epoch is recorded, honestly
        Assert.Null(curve[^1].ValidElbo);
        Assert.DoesNotContain(with[1].Checkpoints(), c => c.Epoch > curve.Count - 1);
        foreach (var (kept, alone) in new[] { (0, 0), (2, 1), (3, 2) })
        {
            Assert.Equal(TrainingOutcome.Finished, results[kept].Outcome);
            Assert.Equal(Timeless(without[alone].Epochs), Timeless(with[kept].Epochs));
            Assert.Equal(withoutParameters[alone], withParameters[kept]);
        }

        // The control: the same run alone diverges too, at the same epoch.
        using var lone = new Trainer("lone", Diverging, data, Device.Cpu, Path.Combine(folder.Path, "lone"));
        var loneRecorder = new MemoryRecorder();
        var loneResult = lone.Train(loneRecorder);
        Assert.Equal(TrainingOutcome.Diverged, loneResult.Outcome);
        Assert.Equal(loneRecorder.Epochs.Count, curve.Count);
    }

    [Theory]
    [InlineData(PosteriorKind.Full, false)]
    [InlineData(PosteriorKind.Full, true)]
    [InlineData(PosteriorKind.Categorical, false)]
    public void Checkpoints_of_a_pack_are_single_run_checkpoints_and_a_resumed_pack_ends_bit_identically(PosteriorKind posterior, bool conv) =>
        CheckpointsAreSingleRunOnesAndAResumedPackEndsBitIdentically(Members(posterior, conv), DataFor(conv));

    [Fact]
    public void Checkpoints_of_an_m2_pack_are_single_run_checkpoints_and_a_resumed_m2_pack_ends_bit_identically() =>
        CheckpointsAreSingleRunOnesAndAResumedPackEndsBitIdentically(M2Members, SyntheticData.Bundle(labelled: true));

    private static void CheckpointsAreSingleRunOnesAndAResumedPackEndsBitIdentically(RunConfig[] configs, Core.Data.DataBundle data)
    {
        using var folder = new TempFolder();
        var straight = TrainPack(configs, data, folder.Path, "straight", out var straightParameters);

        // Each run's checkpoint loads into the ordinary single-run Trainer (as evaluation restores it).
        for (var i = 0; i < configs.Length; i++)
        {
            using var single = new Trainer(Key(i), configs[i], data, Device.Cpu, RunFolder(folder.Path, "straight", i));
            Assert.Equal(configs[i].Training.Epochs, single.RestoreForEvaluation(straight[i]));
            Assert.Equal(straightParameters[i], Parameters(single.Model));
        }

        // Interrupted after epoch 2, resumed as a pack: the same bytes as the straight pack.
        var recorders = configs.Select(_ => new MemoryRecorder { StopAfterEpochs = 2 }).ToArray();
        Train(configs, data, folder.Path, "resumed", recorders, out _, out var firstResults);
        Assert.All(firstResults, r => Assert.Equal((TrainingOutcome.Interrupted, 2), (r.Outcome, r.EpochsDone)));
        foreach (var r in recorders) r.StopAfterEpochs = null;
        Train(configs, data, folder.Path, "resumed", recorders, out var resumedParameters, out _);
        for (var i = 0; i < configs.Length; i++)
        {
            Assert.Equal(straightParameters[i], resumedParameters[i]);
            Assert.Equal(Timeless(straight[i].Epochs), Timeless(recorders[i].Epochs));
            Assert.Equal(File.ReadAllBytes(straight[i].Checkpoints()[0].Path), File.ReadAllBytes(recorders[i].Checkpoints()[0].Path));
            Assert.Contains(recorders[i].Events, e => e.Kind == "resumed");
        }
    }

    // Successive halving: a pack stops at a rung with every run checkpointed there; the run kept trains on in a pack of
    // its own and ends as it would have in the first pack, untouched by the run that was stopped.
    [Fact]
    public void A_pack_stopped_at_a_rung_and_its_kept_run_trained_on_alone_end_as_the_straight_pack()
    {
        var data = SyntheticData.Bundle();
        using var folder = new TempFolder();
        var configs = Members(PosteriorKind.Diagonal);
        var straight = TrainPack(configs, data, folder.Path, "straight", out var straightParameters);

        var recorders = configs.Select(_ => new MemoryRecorder()).ToArray();
        Train(configs, data, folder.Path, "halved", recorders, out _, out var atRung, stopAt: 2);
        Assert.All(atRung, r => Assert.Equal((TrainingOutcome.ReachedRung, 2), (r.Outcome, r.EpochsDone)));
        using var kept = new PackedTrainer([new PackedRun(Key(1), configs[1], RunFolder(folder.Path, "halved", 1), recorders[1])],
            data, Device.Cpu);

        Assert.Equal(TrainingOutcome.Finished, kept.Train().Single().Outcome);
        Assert.Equal(straightParameters[1], Parameters(kept.Model(0)));
        Assert.Equal(Timeless(straight[1].Epochs), Timeless(recorders[1].Epochs));
        Assert.Contains(recorders[1].Events, e => e.Kind == "resumed");
    }

    // What lets a sweep re-form its packs from whatever is unfinished after a kill: a run's numbers do not depend on
    // which runs share its pack, so a run resumed alone (or with others) ends as it would have in its first pack.
    [Theory]
    [InlineData(PosteriorKind.Diagonal, false)]
    [InlineData(PosteriorKind.Full, false)]
    [InlineData(PosteriorKind.Full, true)]
    [InlineData(PosteriorKind.Categorical, false)]
    [InlineData(PosteriorKind.Categorical, true)]
    public void A_run_trains_bit_identically_whatever_runs_share_its_pack(PosteriorKind posterior, bool conv) =>
        TrainsBitIdenticallyWhateverRunsShareItsPack(Members(posterior, conv), DataFor(conv));

    [Fact]
    public void An_m2_run_trains_bit_identically_whatever_runs_share_its_pack() =>
        TrainsBitIdenticallyWhateverRunsShareItsPack(M2Members, SyntheticData.Bundle(labelled: true));

    private static void TrainsBitIdenticallyWhateverRunsShareItsPack(RunConfig[] configs, Core.Data.DataBundle data)
    {
        using var folder = new TempFolder();
        var together = TrainPack(configs, data, folder.Path, "together", out var togetherParameters);
        for (var i = 0; i < configs.Length; i++)
        {
            var alone = TrainPack([configs[i]], data, folder.Path, "alone" + i, out var aloneParameters);
            Assert.Equal(Timeless(together[i].Epochs), Timeless(alone[0].Epochs));
            Assert.Equal(togetherParameters[i], aloneParameters[0]);
        }
    }

    [Fact]
    public void A_run_resumed_from_a_lone_checkpoint_joins_the_pack_at_its_epoch()
    {
        var data = SyntheticData.Bundle();
        using var folder = new TempFolder();
        var configs = Members(PosteriorKind.Diagonal);
        var straight = TrainPack(configs, data, folder.Path, "straight", out var straightParameters);

        // Run 1 trained alone for 2 epochs by the ordinary Trainer, then packed with runs that start from scratch.
        var recorders = configs.Select(_ => new MemoryRecorder()).ToArray();
        recorders[1].StopAfterEpochs = 2;
        using (var single = new Trainer(Key(1), configs[1], data, Device.Cpu, RunFolder(folder.Path, "joined", 1)))
            Assert.Equal(TrainingOutcome.Interrupted, single.Train(recorders[1]).Outcome);
        recorders[1].StopAfterEpochs = null;
        Train(configs, data, folder.Path, "joined", recorders, out var joinedParameters, out var results);
        Assert.All(results, r => Assert.Equal(TrainingOutcome.Finished, r.Outcome));
        for (var i = 0; i < configs.Length; i++)
        {
            Assert.Equal(configs[i].Training.Epochs, recorders[i].Epochs.Count);
            foreach (var (expected, actual) in straight[i].Epochs.Zip(recorders[i].Epochs))
                Close(expected.TrainLoss, actual.TrainLoss, $"run {i} epoch {expected.Epoch} loss");
            foreach (var (expected, actual) in straightParameters[i].Zip(joinedParameters[i]))
                for (var j = 0; j < expected.Length; j++) Close(expected[j], actual[j], $"run {i} parameter");
        }
    }

    [Fact]
    public void Runs_of_different_shapes_are_refused()
    {
        var data = SyntheticData.Bundle();
        var other = Base with { Training = Base.Training with { BatchSize = 60 } };
        var e = Assert.Throws<ArgumentException>(() => new PackedTrainer(
            [new PackedRun("a", Base, "/nonexistent-a", new MemoryRecorder()), new PackedRun("b", other, "/nonexistent-b", new MemoryRecorder())],
            data, Device.Cpu));
        Assert.Contains("batch size differs", e.Message);
        Assert.Equal("k differs at epoch 2",
            PackCompatibility.Conflict(Base, Base with { Objective = Base.Objective with { KSchedule = [] } }));
    }

    private static string Key(int i) => "packed-run-" + i;

    private static string RunFolder(string root, string name, int i) => Path.Combine(root, name, "run" + i);

    private static MemoryRecorder[] TrainPack(RunConfig[] configs, Core.Data.DataBundle data, string root, string name,
        out float[][][] parameters) => TrainPack(configs, data, root, name, out parameters, out _);

    private static MemoryRecorder[] TrainPack(RunConfig[] configs, Core.Data.DataBundle data, string root, string name,
        out float[][][] parameters, out IReadOnlyList<TrainingResult> results)
    {
        var recorders = configs.Select(_ => new MemoryRecorder()).ToArray();
        Train(configs, data, root, name, recorders, out parameters, out results);
        return recorders;
    }

    private static MemoryRecorder[] Train(RunConfig[] configs, Core.Data.DataBundle data, string root, string name,
        MemoryRecorder[] recorders, out float[][][] parameters, out IReadOnlyList<TrainingResult> results, int? stopAt = null)
    {
        var runs = configs.Select((c, i) => new PackedRun(Key(i), c, RunFolder(root, name, i), recorders[i])).ToList();
        using var trainer = new PackedTrainer(runs, data, Device.Cpu);
        results = trainer.Train(stopAt);
        parameters = configs.Select((_, i) => Parameters(trainer.Model(i))).ToArray();
        return recorders;
    }

    private static float[][] Parameters(Vae model) => model.NamedParameters().Select(p => p.Tensor.data<float>()).ToArray();

    private static List<EpochRecord> Timeless(IEnumerable<EpochRecord> epochs) =>
        epochs.Select(e => e with { Seconds = 0, SamplesPerSecond = 0 }).ToList();

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-4 * Math.Max(1, Math.Abs(expected)),
            $"{what}: expected {expected}, got {actual}");
}
