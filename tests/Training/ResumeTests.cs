using System.Runtime.InteropServices;
using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;
using VaeSweep.Tests.Data;

namespace VaeSweep.Tests.Training;

/// <summary>A run stopped after any epoch and resumed from its checkpoint ends exactly as an uninterrupted one.</summary>
public sealed class ResumeTests
{
    private const string Key = "resume-run";

    // Everything that moves between epochs: a k-schedule, KL warm-up, the IWAE lr schedule, dynamic binarisation.
    private static readonly RunConfig Config = new()
    {
        Seed = 11,
        Data = new DataConfig { Binarize = Binarization.Dynamic },
        Model = new ModelConfig { Latent = 3, Encoder = [16], Decoder = [16] },
        Objective = new ObjectiveConfig
        {
            Kind = ObjectiveKind.Iwae, K = 2, KSchedule = [new KStep(2, 4)], WarmupEpochs = 2,
        },
        Training = new TrainingConfig { Epochs = 4, BatchSize = 50, LrSchedule = LrSchedule.Iwae },
    };

    // A categorical latent, whose Gumbel noise comes from the run's generator, under an annealed temperature.
    private static readonly RunConfig Categorical = Config with
    {
        Model = Config.Model with { Posterior = PosteriorKind.Categorical, Categories = 4 },
        Objective = Config.Objective with { Kind = ObjectiveKind.Vae, TemperatureEnd = 0.3, TemperatureEpochs = 3 },
    };

    // M2 (its classifier among the parameters), whose labelled batches cycle through a shuffle of their own.
    private static readonly RunConfig M2 = Config with
    {
        Data = Config.Data with { Classes = [0, 1], Labelled = 30 },
        Objective = Config.Objective with { Kind = ObjectiveKind.M2 },
    };

    [Theory]
    [InlineData(1, "gaussian")]
    [InlineData(2, "gaussian")]
    [InlineData(3, "gaussian")]
    [InlineData(2, "categorical")]
    [InlineData(1, "m2")]
    [InlineData(3, "m2")]
    public void Resuming_after_an_interrupt_is_bit_identical_to_an_uninterrupted_run(int stopAfter, string model)
    {
        var config = model switch { "categorical" => Categorical, "m2" => M2, _ => Config };
        var data = SyntheticData.Bundle(labelled: model == "m2");
        using var folder = new TempFolder();

        var straight = new MemoryRecorder();
        byte[][] expected;
        using (var trainer = new Trainer(Key, config, data, Device.Cpu, Path.Combine(folder.Path, "straight")))
        {
            Assert.Equal(TrainingOutcome.Finished, trainer.Train(straight).Outcome);
            expected = ParameterBytes(trainer);
        }

        var interrupted = new MemoryRecorder { StopAfterEpochs = stopAfter };
        var resumedFolder = Path.Combine(folder.Path, "resumed");
        using (var first = new Trainer(Key, config, data, Device.Cpu, resumedFolder))
        {
            var result = first.Train(interrupted);
            Assert.Equal((TrainingOutcome.Interrupted, stopAfter), (result.Outcome, result.EpochsDone));
        }
        interrupted.StopAfterEpochs = null;
        using (var second = new Trainer(Key, config, data, Device.Cpu, resumedFolder))
        {
            Assert.Equal(TrainingOutcome.Finished, second.Train(interrupted).Outcome);
            Assert.Equal(expected, ParameterBytes(second));
        }

        Assert.Equal(Timeless(straight.Epochs), Timeless(interrupted.Epochs));
        Assert.Contains(interrupted.Events, e => e.Kind == "resumed");
        // The final checkpoints hold parameters, Adam's moments and step count and the generator state: equal bytes.
        Assert.Equal(File.ReadAllBytes(straight.Checkpoints()[0].Path), File.ReadAllBytes(interrupted.Checkpoints()[0].Path));
    }

    [Fact]
    public void Resuming_after_an_interrupt_in_the_middle_of_an_epoch_is_bit_identical()
    {
        var data = SyntheticData.Bundle();
        using var folder = new TempFolder();
        var straight = TrainStraight(data, folder.Path, out var expected);

        // 300 examples in batches of 50: 7 questions an epoch (one before it, one per batch); stop in epoch 2.
        var interrupted = new MemoryRecorder { StopAfterQuestions = 2 * 7 + 3 };
        var resumedFolder = Path.Combine(folder.Path, "resumed");
        using (var first = new Trainer(Key, Config, data, Device.Cpu, resumedFolder))
            Assert.Equal((TrainingOutcome.Interrupted, 2), (first.Train(interrupted).Outcome, interrupted.Epochs.Count));
        interrupted.StopAfterQuestions = null;
        using (var second = new Trainer(Key, Config, data, Device.Cpu, resumedFolder))
        {
            second.Train(interrupted);
            Assert.Equal(expected, ParameterBytes(second));
        }
        Assert.Equal(Timeless(straight.Epochs), Timeless(interrupted.Epochs));
    }

    [Fact]
    public void Stopping_at_a_halving_rung_and_training_on_later_is_bit_identical()
    {
        var data = SyntheticData.Bundle();
        using var folder = new TempFolder();
        var straight = TrainStraight(data, folder.Path, out var expected);

        var halved = new MemoryRecorder();
        var runFolder = Path.Combine(folder.Path, "halved");
        using (var first = new Trainer(Key, Config, data, Device.Cpu, runFolder))
        {
            var result = first.Train(halved, stopAt: 2);
            Assert.Equal((TrainingOutcome.ReachedRung, 2), (result.Outcome, result.EpochsDone));
        }
        Assert.Equal(2, halved.Checkpoints()[0].Epoch);
        // Parked at the rung and claimed again before its decision (a crash before the park): it stops there at once.
        using (var again = new Trainer(Key, Config, data, Device.Cpu, runFolder))
            Assert.Equal(TrainingOutcome.ReachedRung, again.Train(halved, stopAt: 2).Outcome);
        using (var second = new Trainer(Key, Config, data, Device.Cpu, runFolder))
        {
            // A rung behind it (kept there) is ignored: it trains to the end.
            Assert.Equal(TrainingOutcome.Finished, second.Train(halved, stopAt: 1).Outcome);
            Assert.Equal(expected, ParameterBytes(second));
        }
        Assert.Equal(Timeless(straight.Epochs), Timeless(halved.Epochs));
    }

    [Fact]
    public void A_different_seed_gives_a_different_run()
    {
        // The control: bit-identity above is not an artefact of nothing random happening.
        var data = SyntheticData.Bundle();
        using var folder = new TempFolder();
        var a = new MemoryRecorder();
        var b = new MemoryRecorder();
        using var ta = new Trainer(Key, Config with { Training = Config.Training with { Epochs = 1 } }, data, Device.Cpu, Path.Combine(folder.Path, "a"));
        using var tb = new Trainer(Key, Config with { Seed = 12, Training = Config.Training with { Epochs = 1 } }, data, Device.Cpu, Path.Combine(folder.Path, "b"));
        ta.Train(a);
        tb.Train(b);
        Assert.NotEqual(a.Epochs[0].TrainLoss, b.Epochs[0].TrainLoss);
        Assert.NotEqual(ParameterBytes(ta), ParameterBytes(tb));
    }

    [Fact]
    public void A_damaged_newest_checkpoint_is_rejected_and_the_older_one_resumed()
    {
        var data = SyntheticData.Bundle();
        using var folder = new TempFolder();
        var recorder = new MemoryRecorder { StopAfterEpochs = 2 };
        var runFolder = Path.Combine(folder.Path, "run");
        using (var first = new Trainer(Key, Config, data, Device.Cpu, runFolder)) first.Train(recorder);
        var newest = recorder.Checkpoints()[0];
        File.WriteAllBytes(newest.Path, File.ReadAllBytes(newest.Path)[..100]);

        using var second = new Trainer(Key, Config, data, Device.Cpu, runFolder);
        Assert.Equal(1, second.Resume(recorder));
        Assert.Contains(recorder.Events, e => e.Kind == "checkpoint-rejected" && e.Message.Contains(newest.Path));
        Assert.Single(recorder.Epochs);
    }

    private static MemoryRecorder TrainStraight(Core.Data.DataBundle data, string root, out byte[][] parameters)
    {
        var straight = new MemoryRecorder();
        using var trainer = new Trainer(Key, Config, data, Device.Cpu, Path.Combine(root, "straight"));
        trainer.Train(straight);
        parameters = ParameterBytes(trainer);
        return straight;
    }

    private static byte[][] ParameterBytes(Trainer trainer) =>
        trainer.Model.NamedParameters().Select(p => MemoryMarshal.AsBytes(p.Tensor.data<float>().AsSpan()).ToArray()).ToArray();

    private static List<EpochRecord> Timeless(IEnumerable<EpochRecord> epochs) =>
        epochs.Select(e => e with { Seconds = 0, SamplesPerSecond = 0 }).ToList();
}
