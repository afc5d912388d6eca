using VaeSweep.Core.Config;
using VaeSweep.Core.Evaluation;
using VaeSweep.Core.Models;
using VaeSweep.Core.SelfTest;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;
using VaeSweep.Tests.Data;

namespace VaeSweep.Tests.Training;

/// <summary>M2 (Kingma et al. 2014) trained on a few labels and evaluated as log sum_y p(y) p(x|y).</summary>
public sealed class M2TrainingTests
{
    private static readonly RunConfig Config = new()
    {
        Seed = 6,
        Data = new DataConfig { Classes = [0, 1], Labelled = 10 },
        Model = new ModelConfig { Latent = 2, Encoder = [16], Decoder = [16] },
        Objective = new ObjectiveConfig { Kind = ObjectiveKind.M2, Alpha = 1.0 },
        Training = new TrainingConfig { Epochs = 8, BatchSize = 50, Lr = 0.01 },
        Evaluation = new EvaluationConfig { K = 7, Ks = [1, 7], ChunkSize = 5, Pictures = false },
    };

    [Fact]
    public void Ten_labels_teach_the_classifier_the_two_kinds_and_every_epoch_records_its_accuracy()
    {
        var data = SyntheticData.Bundle(labelled: true);
        using var folder = new TempFolder();
        var recorder = new MemoryRecorder();
        using var trainer = new Trainer("m2", Config, data, Device.Cpu, folder.Path);

        Assert.Equal(TrainingOutcome.Finished, trainer.Train(recorder).Outcome);

        Assert.All(recorder.Epochs, e => Assert.NotNull(e.ClassifierAccuracy));
        var (first, last) = (recorder.Epochs[0], recorder.Epochs[^1]);
        Assert.True(last.ClassifierAccuracy >= 0.9, $"validation accuracy {first.ClassifierAccuracy} -> {last.ClassifierAccuracy}");
        Assert.True(last.ValidElbo > first.ValidElbo, $"valid bound {first.ValidElbo:F2} -> {last.ValidElbo:F2}");
        var evaluation = Evaluator.Evaluate(trainer.Model, Config, data.Test, data.IsBinary, Device.Cpu).Record;
        Assert.InRange(evaluation.ClassifierAccuracy!.Value, 0.9, 1.0);
        Assert.Null(LinearProbe.Accuracy(trainer.Model, Config.Data, data, Device.Cpu));
    }

    [Fact]
    public void Barely_trained_the_classifier_is_near_chance()
    {
        // The control for the test above: the accuracy there comes from training, not from the data being easy.
        var data = SyntheticData.Bundle(labelled: true);
        using var folder = new TempFolder();
        var recorder = new MemoryRecorder();
        var untrained = Config with { Training = Config.Training with { Epochs = 1, Lr = 1e-6 } };
        using var trainer = new Trainer("m2", untrained, data, Device.Cpu, folder.Path);

        trainer.Train(recorder);

        Assert.InRange(recorder.Epochs[0].ClassifierAccuracy!.Value, 0.2, 0.8);
    }

    [Fact]
    public void Where_q_is_the_prior_and_the_decoder_ignores_z_the_estimate_is_exactly_log_mean_over_y_of_p_x_given_y()
    {
        // q(z|x,y) = p(z) and p(x|y,z) = p(x|y) make every importance weight equal p(x|y): the estimate is then
        // exact at any k, which tests the sum over y, the log p(y) and the chunked prefixes without noise.
        const int points = 6;
        var config = Config with { Data = Config.Data with { Classes = [0, 1, 2] } };
        var test = CheckFixtures.BinarySplit("test", points, CheckFixtures.Inputs, 8);
        using var model = M2Checks.TinyModel(Device.Cpu);
        using var scope = new DisposeScope();
        using (Torch.no_grad())
        {
            foreach (var (name, p) in model.NamedParameters())
                if (name.StartsWith("encoder.mean.", StringComparison.Ordinal) || name.StartsWith("encoder.log_var.", StringComparison.Ordinal))
                    p.zero_();
            var first = model.NamedParameters().Single(p => p.Name == "decoder.hidden.0.weight").Tensor;
            var keepY = Enumerable.Range(0, (int)first.numel()).Select(i => i % (model.Latent + 3) < model.Latent ? 0f : 1f).ToArray();
            first.copy_(first * Torch.tensor(keepY, first.shape));
        }

        var result = Evaluator.Evaluate(model, config, test, isBinary: true, Device.Cpu);

        using var noGrad = Torch.no_grad();
        var x = Torch.tensor(test.Pixels, [points, CheckFixtures.Inputs]);
        var perClass = Enumerable.Range(0, 3).Select(c =>
        {
            var input = Torch.cat([Torch.zeros([1, model.Latent]), M2Objective.OneHot([c], 3, Device.Cpu)], 1);
            var logits = model.Decoder.forward(input).expand(points, CheckFixtures.Inputs).unsqueeze(1);
            return BernoulliDecoder.LogLikelihoodShared(logits, x);                      // (points, 1)
        }).ToList();
        var exact = (Torch.cat(perClass, 1).logsumexp(1) - Math.Log(3)).to(ScalarType.Float64).data<double>();
        Assert.All(Enumerable.Range(0, points), i => Assert.Equal(exact[i], result.Points.LogLikelihoods[i], 3));
        Assert.All(result.Bounds, b => Assert.Equal(exact.Average(), b.Value, 3));
        Assert.Equal([1, 7], result.Bounds.Select(b => b.K));
    }

    [Fact]
    public void M2_runs_pack_only_with_m2_runs_of_the_same_labelled_set()
    {
        var vae = Config with { Data = Config.Data with { Labelled = 0 }, Objective = new ObjectiveConfig() };
        var otherSeed = Config with { Seed = 7, Objective = Config.Objective with { Alpha = 0.1, Beta = 0.5, Kl = KlEstimator.MonteCarlo } };

        Assert.Null(PackCompatibility.Conflict(Config, otherSeed));
        Assert.Equal("m2 and another objective", PackCompatibility.Conflict(vae, Config));
        Assert.Equal("m2 and another objective", PackCompatibility.Conflict(Config, vae));
        Assert.Equal("data.labelled differs", PackCompatibility.Conflict(Config, Config with { Data = Config.Data with { Labelled = 12 } }));
        Assert.Equal("data set or split differs", PackCompatibility.Conflict(Config, Config with { Data = Config.Data with { Classes = [0, 2] } }));
        Assert.Null(PackCompatibility.Conflict(vae, vae));
    }
}
