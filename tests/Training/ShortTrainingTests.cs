using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Evaluation;
using VaeSweep.Core.Models;
using VaeSweep.Core.SelfTest;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;
using VaeSweep.Tests.Data;

namespace VaeSweep.Tests.Training;

/// <summary>Two epochs on mnist-sample with a small model, trained once for the tests of this class.</summary>
public sealed class ShortTrainingFixture : IDisposable
{
    public static readonly RunConfig Config = new()
    {
        Seed = 5,
        Data = new DataConfig { Dataset = DatasetKind.MnistSample, Validation = 200, TrainLimit = 4000, TestLimit = 300 },
        Model = new ModelConfig { Latent = 10, Encoder = [100], Decoder = [100] },
        Training = new TrainingConfig { Epochs = 2, BatchSize = 50 },
        Evaluation = new EvaluationConfig { K = 50, Ks = [1, 5, 50], Pictures = false },
    };

    private readonly TempFolder folder = new();

    public ShortTrainingFixture()
    {
        if (TestPaths.MnistSampleSource() is null) return;   // the facts below are skipped
        Data = DataLoader.Load(Config.Data, TestPaths.RepoRoot);
        // The untrained model is the trainer's own model before its first step: same seed, same initialisation.
        using (var untrained = new Trainer("short", Config, Data, Device.Cpu, Path.Combine(folder.Path, "untrained")))
            Before = Evaluator.Evaluate(untrained.Model, Config, Data.Test, Data.IsBinary, Device.Cpu);
        Trainer = new Trainer("short", Config, Data, Device.Cpu, Path.Combine(folder.Path, "trained"));
        Recorder = new MemoryRecorder();
        Trainer.Train(Recorder);
        After = Evaluator.Evaluate(Trainer.Model, Config, Data.Test, Data.IsBinary, Device.Cpu);
    }

    public DataBundle Data { get; } = null!;
    public Trainer Trainer { get; } = null!;
    public MemoryRecorder Recorder { get; } = null!;
    public EvaluationResult Before { get; } = null!;
    public EvaluationResult After { get; } = null!;

    public void Dispose()
    {
        Trainer?.Dispose();
        folder.Dispose();
    }
}

public sealed class ShortTrainingTests(ShortTrainingFixture trained) : IClassFixture<ShortTrainingFixture>
{
    [FactWhen("mnist-sample")]
    public void Two_epochs_improve_the_test_bound_by_a_clear_margin()
    {
        var before = trained.Before.Bounds.Single(b => b.K == 50);
        var after = trained.After.Bounds.Single(b => b.K == 50);

        // An untrained Bernoulli decoder sits near 784 log 2 = 543 nats; two epochs reach well under 250.
        Assert.True(after.Value - before.Value > 150,
            $"L_50 went from {before.Value:F2} +- {before.Se:F2} to {after.Value:F2} +- {after.Se:F2}");
        Assert.True(after.Value - before.Value > 20 * (before.Se + after.Se));
        Assert.Equal(2, trained.Recorder.Epochs.Count);
        Assert.True(trained.Recorder.Epochs[1].TrainLoss < trained.Recorder.Epochs[0].TrainLoss);
    }

    [FactWhen("mnist-sample")]
    public void The_bound_does_not_decrease_with_k_on_a_trained_model()
    {
        var result = ObjectiveChecks.BoundGrowsWithK(trained.Trainer.Model, ShortTrainingFixture.Config,
            trained.Data.Test, trained.Data.IsBinary, Device.Cpu);

        Assert.True(result.Passed, result.ToString());
        // On a trained model the gaps are large: L_50 - L_1 is several nats on MNIST.
        Assert.True(result["l50"] - result["l1"] > 1.0, result.ToString());
    }

    [FactWhen("mnist-sample")]
    public void The_elbo_reported_by_the_evaluator_is_below_every_bound()
    {
        var record = trained.After.Record;
        Assert.True(record.Elbo <= trained.After.Bounds[0].Value + 3 * trained.After.Bounds[0].Se,
            $"ELBO {record.Elbo:F3} vs L_1 {trained.After.Bounds[0].Value:F3}");
        Assert.All(trained.After.Bounds, b => Assert.True(b.Value <= 0));
    }
}
