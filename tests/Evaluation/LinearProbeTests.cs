using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Evaluation;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;
using VaeSweep.Tests.Data;

namespace VaeSweep.Tests.Evaluation;

/// <summary>The linear probe's fixed recipe: it separates what is linearly separable, not what is noise, and its
/// fixed steps reach the penalised optimum.</summary>
public sealed class LinearProbeTests
{
    [Fact]
    public void Three_separated_clusters_are_classified_and_random_labels_are_at_chance()
    {
        using var _ = new DisposeScope();
        var (trainX, trainY) = Clusters(300, seed: 1);
        var (testX, testY) = Clusters(300, seed: 2);

        Assert.InRange(LinearProbe.Score(trainX, trainY, testX, testY), 0.97, 1.0);
        var random = new Random(3);
        var shuffled = testY.OrderBy(_ => random.Next()).ToArray();
        Assert.InRange(LinearProbe.Score(trainX, trainY, testX, shuffled), 0.2, 0.47);
    }

    [Fact]
    public void The_fixed_steps_end_where_the_penalised_loss_has_zero_gradient()
    {
        using var _ = new DisposeScope();
        var (means, labels) = Clusters(200, seed: 4, spread: 2.0);
        var x = Torch.cat([means, Torch.ones([200, 1], ScalarType.Float64)], 1);
        var y = LinearProbe.OneHot(labels, [0, 1, 2], Device.Cpu);

        var w = LinearProbe.Fit(x, y);

        var logits = x.matmul(w);
        var p = (logits - logits.logsumexp(1, keepdim: true)).exp();
        var gradient = (x.t().matmul(p - y) / 200 + w * LinearProbe.Penalty).data<double>();
        // From zero weights the gradient starts of the order of 0.3; the fixed steps take it below 1e-4 everywhere.
        Assert.All(gradient, g => Assert.InRange(g, -1e-4, 1e-4));
    }

    [FactWhen("mnist-sample")]
    public void A_model_gets_a_test_accuracy_and_data_without_labels_get_none()
    {
        var data = new DataConfig { Dataset = DatasetKind.MnistSample, Validation = 100, TrainLimit = 300, TestLimit = 100 };
        var bundle = DataLoader.Load(data, TestPaths.RepoRoot);
        using var g = new Generator(3);
        using var model = new Vae(new ModelConfig { Latent = 4, Encoder = [32], Decoder = [32] }, bundle.Test.Dim, g, Device.Cpu);

        var accuracy = LinearProbe.Accuracy(model, data, bundle, Device.Cpu);

        // Even an untrained encoder's means are a random projection of the digit, far above chance (0.1).
        Assert.InRange(accuracy!.Value, 0.2, 1.0);
        Assert.Equal(accuracy, LinearProbe.Accuracy(model, data, bundle, Device.Cpu));
        var unlabelled = bundle with { Test = new DataSplit("test", bundle.Test.Pixels, Enumerable.Repeat(DataSplit.UnknownLabel, bundle.Test.Count).ToArray(), bundle.Test.Dim) };
        Assert.Null(LinearProbe.Accuracy(model, data, unlabelled, Device.Cpu));
    }

    // Three Gaussian clusters in the plane, centres on a circle of radius 3, one label each.
    private static (Tensor X, byte[] Y) Clusters(int n, int seed, double spread = 0.5)
    {
        var random = new Random(seed);
        var x = new double[n * 2];
        var y = new byte[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = (byte)(i % 3);
            var angle = 2 * Math.PI * y[i] / 3;
            x[2 * i] = 3 * Math.Cos(angle) + spread * Normal(random);
            x[2 * i + 1] = 3 * Math.Sin(angle) + spread * Normal(random);
        }
        return (Torch.tensor(x, [n, 2]), y);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void A_stop_ends_the_fit_between_steps()
    {
        using var stopped = new CancellationTokenSource();
        stopped.Cancel();
        var x = Torch.tensor(new double[] { 1, 0, 0, 1, 1, 1, 0, 0 }, [4, 2]);
        var y = Torch.tensor(new double[] { 1, 0, 0, 1, 1, 0, 0, 1 }, [4, 2]);

        Assert.Throws<OperationCanceledException>(() => LinearProbe.Fit(x, y, stopped.Token));
        var fitted = LinearProbe.Fit(x, y);
        Assert.Equal((2L, 2L), (fitted.size(0), fitted.size(1)));
    }
}
