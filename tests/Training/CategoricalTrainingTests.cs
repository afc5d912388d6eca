using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Evaluation;
using VaeSweep.Core.Models;
using VaeSweep.Core.SelfTest;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;
using VaeSweep.Tests.Data;

namespace VaeSweep.Tests.Training;

/// <summary>A categorical latent trained on Gumbel-softmax samples and evaluated as the discrete model it is.</summary>
public sealed class CategoricalTrainingTests
{
    private static readonly RunConfig Config = new()
    {
        Seed = 4,
        Model = new ModelConfig { Latent = 2, Categories = 3, Encoder = [16], Decoder = [16], Posterior = PosteriorKind.Categorical },
        Objective = new ObjectiveConfig { Temperature = 1.0, TemperatureEnd = 0.5, TemperatureEpochs = 8 },
        Training = new TrainingConfig { Epochs = 12, BatchSize = 50, Lr = 0.01 },
        Evaluation = new EvaluationConfig { K = 2000, Ks = [1, 2000], ChunkSize = 700, Pictures = false },
    };

    [Fact]
    public void Training_lowers_the_loss_and_raises_the_discrete_models_validation_elbo()
    {
        var data = SyntheticData.Bundle();
        using var folder = new TempFolder();
        var recorder = new MemoryRecorder();
        using var trainer = new Trainer("categorical", Config, data, Device.Cpu, folder.Path);

        Assert.Equal(TrainingOutcome.Finished, trainer.Train(recorder).Outcome);

        var (first, last) = (recorder.Epochs[0], recorder.Epochs[^1]);
        Assert.True(last.TrainLoss < first.TrainLoss - 1, $"loss {first.TrainLoss:F2} -> {last.TrainLoss:F2}");
        Assert.True(last.ValidElbo > first.ValidElbo + 1, $"valid elbo {first.ValidElbo:F2} -> {last.ValidElbo:F2}");
        Assert.True(last.TrainKl > 0.1, $"the latent is used: kl {last.TrainKl:F3}");
    }

    [Fact]
    public void Evaluation_matches_log_p_x_summed_over_every_latent_configuration()
    {
        // 2 variables of 3 categories: 9 configurations, so log p(x) = logsumexp_z log p(x|z) + log p(z) exactly.
        const int points = 12;
        var test = CheckFixtures.BinarySplit("test", points, CheckFixtures.Inputs, 8);
        using var g = new Generator(9);
        using var model = new Vae(Config.Model with { Encoder = [8], Decoder = [8] }, CheckFixtures.Inputs, g, Device.Cpu);
        using var scope = new DisposeScope();
        using var noGrad = Torch.no_grad();
        // A sharper decoder than initialisation gives, so that the configurations differ in p(x|z).
        foreach (var (_, p) in model.NamedParameters().Where(p => p.Name.StartsWith("decoder", StringComparison.Ordinal)))
            p.copy_(p * 3.0);

        // 2000 samples in chunks of 700: one point per batch, three chunks of samples each.
        var estimate = Evaluator.Evaluate(model, Config, test, isBinary: true, Device.Cpu).Points.LogLikelihoods;

        var x = Torch.tensor(test.Pixels, [points, CheckFixtures.Inputs]);
        var z = new float[9 * 6];
        for (var i = 0; i < 9; i++)
        {
            z[i * 6 + i / 3] = 1f;
            z[i * 6 + 3 + i % 3] = 1f;
        }
        var logits = model.Decoder.forward(Torch.tensor(z, [9, 6])).unsqueeze(0).expand(points, 9, CheckFixtures.Inputs);
        var joint = BernoulliDecoder.LogLikelihoodShared(logits, x) - 2 * Math.Log(3);     // (points, 9)
        var exact = joint.logsumexp(1).to(ScalarType.Float64).data<double>();

        Assert.Equal(points, estimate.Count);
        var report = string.Join("; ", estimate.Select((e, i) => $"{e:F3} vs {exact[i]:F3}"));
        Assert.True(estimate.Select((e, i) => Math.Abs(e - exact[i])).Max() < 0.1, report);
        Assert.True(Math.Abs(estimate.Average() - exact.Average()) < 0.03, report);
        // The control: the bound at k = 1 (one sample's weight) is visibly looser than the exact value.
        var k1 = EvaluateK1(model, test);
        Assert.True(exact.Average() - k1 > 0.2, $"k = 1 bound {k1:F3}, exact {exact.Average():F3}");
    }

    private static double EvaluateK1(Vae model, DataSplit test) =>
        Evaluator.Evaluate(model, Config, test, isBinary: true, Device.Cpu).Bounds.Single(b => b.K == 1).Value;

    [Theory]
    [InlineData(ObjectiveKind.Iwae, KlEstimator.Analytic)]
    [InlineData(ObjectiveKind.Vae, KlEstimator.MonteCarlo)]
    public void The_objective_refuses_what_the_config_refuses(ObjectiveKind kind, KlEstimator kl)
    {
        using var scope = new DisposeScope();
        using var g = new Generator(1);
        using var model = new Vae(Config.Model, CheckFixtures.Inputs, g, Device.Cpu);

        Assert.Throws<ArgumentException>(() => Objective.Compute(model, CheckFixtures.BinaryBatch(4, Device.Cpu), kind, 2, 1.0, kl, g));
    }

    [Fact]
    public void Categorical_runs_pack_with_categorical_runs_of_the_same_shape_only()
    {
        var gaussian = Config with { Model = Config.Model with { Posterior = PosteriorKind.Diagonal } };
        var annealedElsewhere = Config with { Seed = 5, Objective = Config.Objective with { Temperature = 2.0, TemperatureEpochs = 3, Beta = 0.5 } };

        Assert.Null(PackCompatibility.Conflict(Config, annealedElsewhere));
        Assert.Equal("model architecture differs", PackCompatibility.Conflict(gaussian, Config));
        Assert.Equal("model architecture differs",
            PackCompatibility.Conflict(Config, Config with { Model = Config.Model with { Categories = 4 } }));
        Assert.Null(PackCompatibility.Conflict(gaussian, gaussian with { Model = gaussian.Model with { Categories = 4 } }));
    }
}
