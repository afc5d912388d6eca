using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Evaluation;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;
using VaeSweep.Tests.Data;

namespace VaeSweep.Tests.Evaluation;

/// <summary>The evaluation's k-hat summary is that of every test point's full set of importance weights.</summary>
public sealed class EvaluatorKHatTests
{
    private const int K = 500;
    private const int Points = 40;
    private static readonly DataConfig Data = new() { Dataset = DatasetKind.MnistSample, Validation = 100, TrainLimit = 200, TestLimit = Points };

    [FactWhen("mnist-sample")]
    public void The_k_hat_summary_is_computed_from_all_k_log_weights_of_each_point()
    {
        var bundle = DataLoader.Load(Data, TestPaths.RepoRoot);
        using var g = new Generator(3);
        // Untrained: a poor proposal, whose weights are heavy-tailed for some points and not for others.
        using var model = new Vae(new ModelConfig { Latent = 4, Encoder = [32], Decoder = [32] }, bundle.Test.Dim, g, Device.Cpu);
        // One batch of all points and one chunk of all K samples, so the weights below are drawn as the evaluator draws them.
        var evaluation = new EvaluationConfig { K = K, Ks = [K], ChunkSize = K * Points, Pictures = false };
        var config = new RunConfig { Data = Data, Evaluation = evaluation };

        var summary = Evaluator.Evaluate(model, config, bundle.Test, bundle.IsBinary, Device.Cpu).Record.KHat;

        var expected = ParetoKHat.Summarise(KHatsByFullSort(model, bundle));
        Assert.NotNull(summary);
        Assert.Equal(expected, summary);
        // A share strictly between 0 and 1, so a summary of the wrong points or weights would show.
        Assert.InRange(summary.UnreliableShare, 1.0 / Points, 1 - 1.0 / Points);
    }

    [FactWhen("mnist-sample")]
    public void Too_few_samples_for_a_tail_give_no_summary()
    {
        var bundle = DataLoader.Load(Data, TestPaths.RepoRoot);
        using var g = new Generator(3);
        using var model = new Vae(new ModelConfig { Latent = 4, Encoder = [32], Decoder = [32] }, bundle.Test.Dim, g, Device.Cpu);
        var config = new RunConfig { Data = Data, Evaluation = new EvaluationConfig { K = 20, Ks = [20], ChunkSize = 200, Pictures = false } };

        Assert.Null(Evaluator.Evaluate(model, config, bundle.Test, bundle.IsBinary, Device.Cpu).Record.KHat);
    }

    // Every weight of every point to the CPU, each point's k-hat from the full sorted set.
    private static IEnumerable<double> KHatsByFullSort(Vae model, DataBundle bundle)
    {
        using var _ = Torch.no_grad();
        using var scope = new DisposeScope();
        using var noise = new Generator(TestPoints.NoiseSeed, Device.Cpu);
        var source = new BatchSource(bundle.Test, TestPoints.Binarizer(Data, bundle.IsBinary), Points, Device.Cpu);
        var x = source.Batch(BatchSource.Sequential(Points), 0, 0);
        var logW = model.LogWeightTerms(model.Encoder.forward(x), x, K, noise).LogWeights().to(ScalarType.Float64).data<double>();
        Assert.Equal(Points * K, logW.Length);
        return Enumerable.Range(0, Points).Select(p => ParetoKHat.Estimate(logW.AsSpan(p * K, K))).ToList();
    }
}
