using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;

namespace VaeSweep.Core.Evaluation;

/// <summary>
/// How much of the class a model's code keeps: a linear classifier of the posterior means E_q[z|x], trained on the
/// training split's labels and scored on the test split. The recipe is fixed so that runs compare: features
/// standardised by the training means and deviations (plus a constant), multinomial logistic regression (mean cross-entropy) with
/// an L2 penalty of <see cref="Penalty"/>/2 on every weight, <see cref="Steps"/> full-batch Nesterov gradient steps of size 1/L from
/// zero weights, L the penalised loss's smoothness (half the largest eigenvalue of X^T X / n, by power iteration,
/// plus the penalty). Inputs are the fixed held-out bits of <see cref="TestPoints"/>, so the probe sees no
/// training noise either.
/// </summary>
public static class LinearProbe
{
    /// <summary>Training examples used, the first of the split: bounds the cost on full MNIST.</summary>
    public const int TrainLimit = 10_000;

    public const int Steps = 500;

    public const double Penalty = 1e-3;

    private const int PowerIterations = 50;

    private const int BatchSize = 1000;

    /// <summary>Test accuracy in [0, 1]; null when a label is unknown (binarised MNIST has none), the training
    /// examples hold fewer than two classes, or the model is M2 (its q(z|x,y) needs y; its own classifier's accuracy
    /// is recorded instead).</summary>
    /// <param name="stop">Checked between the fitting steps, which take seconds: a stop throws
    /// OperationCanceledException, as the evaluation's own chunks do, and the run is given back.</param>
    public static double? Accuracy(Vae model, DataConfig data, DataBundle bundle, Device device,
        CancellationToken stop = default)
    {
        if (model.IsM2 || Splits(bundle) is not var (train, test)) return null;
        using var _ = Torch.no_grad();
        using var scope = new DisposeScope();
        var binarizer = TestPoints.Binarizer(data, bundle.IsBinary);
        return Score(Means(model, train, binarizer, device), train.Labels, Means(model, test, binarizer, device), test.Labels,
            stop);
    }

    /// <summary><see cref="Accuracy"/> for each run of a pack, run r's inputs binarised as <paramref name="data"/>[r]
    /// says: the posterior means come from the pack's encoder in one pass per batch, and each run's classifier is
    /// fitted alone by the same recipe.</summary>
    public static IReadOnlyList<double?> Accuracies(PackedVae model, IReadOnlyList<DataConfig> data, DataBundle bundle,
        Device device, CancellationToken stop = default)
    {
        if (model.IsM2 || Splits(bundle) is not var (train, test)) return new double?[model.Runs];
        using var _ = Torch.no_grad();
        using var scope = new DisposeScope();
        var binarizers = data.Select(d => TestPoints.Binarizer(d, bundle.IsBinary)).ToList();
        var trainMeans = PackedMeans(model, train, binarizers, device);
        var testMeans = PackedMeans(model, test, binarizers, device);
        return Enumerable.Range(0, model.Runs)
            .Select(r => (double?)Score(trainMeans[r], train.Labels, testMeans[r], test.Labels, stop)).ToList();
    }

    /// <summary>The training examples the probe fits on and the test split; null when a label is unknown or the
    /// training examples hold fewer than two classes.</summary>
    private static (DataSplit Train, DataSplit Test)? Splits(DataBundle bundle)
    {
        var train = bundle.Train.Count > TrainLimit ? bundle.Train.Range(bundle.Train.Name, 0, TrainLimit) : bundle.Train;
        var test = bundle.Test;
        if (train.Labels.Concat(test.Labels).Contains(DataSplit.UnknownLabel)) return null;
        return train.Labels.Distinct().Count() < 2 ? null : (train, test);
    }

    /// <summary>The recipe on given features (rows of <paramref name="trainFeatures"/>, float64): the share of test
    /// rows whose label the fitted classifier predicts; a test label absent from training counts as wrong.</summary>
    internal static double Score(Tensor trainFeatures, byte[] trainLabels, Tensor testFeatures, byte[] testLabels,
        CancellationToken stop = default)
    {
        var device = trainFeatures.device;
        var classes = trainLabels.Distinct().Order().ToArray();
        var center = trainFeatures.mean(0, keepdim: true);
        var scale = (trainFeatures.var(0, unbiased: false, keepdim: true) + 1e-12).sqrt();
        var weights = Fit(Features(trainFeatures, center, scale, device), OneHot(trainLabels, classes, device), stop);
        var predicted = Features(testFeatures, center, scale, device).matmul(weights).argmax(1).to(Device.Cpu).data<long>();
        var correct = predicted.Zip(testLabels, (p, label) => classes[p] == label).Count(c => c);
        return (double)correct / testLabels.Length;
    }

    /// <summary>The penalised multinomial logistic regression's weights ((features + 1) x classes) after the fixed
    /// steps, from features with a constant column and one-hot labels.</summary>
    internal static Tensor Fit(Tensor x, Tensor y, CancellationToken stop = default)
    {
        var n = x.size(0);
        var gram = x.t().matmul(x) / n;
        var smoothness = 0.5 * LargestEigenvalue(gram) + Penalty;
        var w = Torch.zeros([x.size(1), y.size(1)], ScalarType.Float64, x.device);
        var previous = w;
        for (var t = 1; t <= Steps; t++)
        {
            stop.ThrowIfCancellationRequested();
            // Each step's temporaries go with the step and the superseded weights at once: kept, the steps' logits
            // alone would hold Steps x n x classes doubles (4 GB at full MNIST).
            Tensor next;
            using (var step = new DisposeScope())
            {
                // Nesterov's accelerated gradient: the gradient is taken at the extrapolated point.
                var v = w + (w - previous) * ((t - 1.0) / (t + 2.0));
                var logits = x.matmul(v);
                var p = (logits - logits.logsumexp(1, keepdim: true)).exp();
                var gradient = x.t().matmul(p - y) / n + v * Penalty;
                next = step.MoveToOuter(v - gradient / smoothness);
            }
            if (!ReferenceEquals(previous, w)) previous.Dispose();
            previous = w;
            w = next;
        }
        return w;
    }

    private static double LargestEigenvalue(Tensor symmetric)
    {
        var v = Torch.ones([symmetric.size(0), 1], ScalarType.Float64, symmetric.device);
        for (var i = 0; i < PowerIterations; i++)
        {
            var next = symmetric.matmul(v);
            v = next / next.square().sum().sqrt().item();
        }
        return (v.t().matmul(symmetric).matmul(v)).item();
    }

    // Posterior means of the split in test-set order, float64.
    private static Tensor Means(Vae model, DataSplit split, Binarizer binarizer, Device device)
    {
        var source = new BatchSource(split, binarizer, BatchSize, device);
        var order = BatchSource.Sequential(split.Count);
        return Torch.cat(Enumerable.Range(0, source.BatchCount)
            .Select(b => model.Encoder.forward(source.Batch(order, b, 0)).Mean.to(ScalarType.Float64)).ToList(), 0);
    }

    // Each run's posterior means of the split in order, float64: run r reads its own bits.
    private static Tensor[] PackedMeans(PackedVae model, DataSplit split, IReadOnlyList<Binarizer> binarizers, Device device)
    {
        var sources = binarizers.Select(b => new BatchSource(split, b, BatchSize, device)).ToList();
        var order = BatchSource.Sequential(split.Count);
        var batches = Enumerable.Range(0, sources[0].BatchCount).Select(b =>
        {
            var x = Torch.stack(sources.Select(s => s.Batch(order, b, 0)).ToList());
            return model.Encoder.forward(x).Mean.reshape(model.Runs, x.size(1), -1).to(ScalarType.Float64);
        }).ToList();
        return Enumerable.Range(0, model.Runs).Select(r => Torch.cat(batches.Select(m => m.select(0, r)).ToList(), 0)).ToArray();
    }

    internal static Tensor Features(Tensor means, Tensor center, Tensor scale, Device device) =>
        Torch.cat([(means - center) / scale, Torch.ones([means.size(0), 1], ScalarType.Float64, device)], 1);

    internal static Tensor OneHot(byte[] labels, byte[] classes, Device device)
    {
        var hot = new double[labels.Length * classes.Length];
        for (var i = 0; i < labels.Length; i++) hot[i * classes.Length + Array.IndexOf(classes, labels[i])] = 1;
        return Torch.tensor(hot, [labels.Length, classes.Length], device);
    }
}
