using System.Diagnostics;
using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Models;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;

namespace VaeSweep.Core.Evaluation;

/// <summary>
/// M2's test evaluation. log p(x) = log sum_y p(y) p(x|y), the sum over the C classes exact and each p(x|y)
/// importance-sampled from q(z|x,y): p(x|y) ~ (1/K) sum_i p(x|y,z_i) p(z_i) / q(z_i|x,y), z_i ~ q(z|x,y). So K =
/// evaluation.k is per class, not split over the classes: C x K decoder passes per point. The estimate of p(x) is
/// unbiased, so its log is a lower bound in expectation that tightens as K grows, like the IWAE bound; the bound for each
/// smaller k in evaluation.ks takes the first k samples of every class. Samples are drawn in chunks of at most
/// evaluation.chunk_size per class. The test ELBO is the unlabelled bound U(x) (Kingma et al. 2014, eq. 7), its
/// reconstruction term averaged over the K samples and its KL in closed form (q(y|x)'s to the uniform p(y) plus the
/// q(y|x)-weighted KL of q(z|x,y)); and the classifier's accuracy is the share of test points whose most probable
/// class under q(y|x) is their label. No Pareto k-hat (the C strata's weights are not one sample) and no active units
/// (q(z|x) is a mixture over y here).
/// </summary>
public static class M2Evaluator
{
    public static EvaluationResult Evaluate(Vae model, RunConfig config, DataSplit test, bool isBinary, Device device,
        Action<double>? progress = null, CancellationToken stop = default)
    {
        var clock = Stopwatch.StartNew();
        var e = config.Evaluation;
        var bounds = new BoundSums(e);
        var (ks, samplesPerChunk) = (bounds.Ks, bounds.SamplesPerChunk);
        var source = bounds.Batches(config.Data, test, isBinary, device);
        using var generator = new Generator(TestPoints.NoiseSeed, device);
        using var _ = Torch.no_grad();
        var classList = LabelledSubset.Classes(config.Data);
        var c = model.Classes;
        var logPy = -Math.Log(c);

        double recon = 0, kl = 0;
        var correct = 0;
        var order = BatchSource.Sequential(test.Count);
        for (var b = 0; b < source.BatchCount; b++)
        {
            stop.ThrowIfCancellationRequested();
            using var scope = new DisposeScope();
            var x = source.Batch(order, b, 0);
            var n = x.size(0);
            var perClass = new List<Tensor>();
            var reconY = new List<Tensor>();
            var klZY = new List<Tensor>();
            for (var y = 0; y < c; y++)
            {
                var hot = M2Objective.OneHot(Enumerable.Repeat(y, (int)n).ToArray(), c, device);
                var posterior = (GaussianPosterior)model.Encoder.forward(Torch.cat([x, hot], 1));
                var chunks = new List<Tensor>();
                var logPxzSum = Torch.zeros([n], device: device);
                for (var drawn = 0; drawn < e.K; drawn += samplesPerChunk)
                {
                    var (z, logQ) = posterior.Sample(Math.Min(samplesPerChunk, e.K - drawn), generator);
                    var logPxz = M2Objective.LogLikelihood(model, z, hot, x);
                    chunks.Add(logPxz + posterior.LogPrior(z) - logQ);
                    logPxzSum += logPxz.sum(-1);
                }
                perClass.Add(chunks.Count == 1 ? chunks[0] : Torch.cat(chunks, 1));   // (points, K)
                reconY.Add(logPxzSum / e.K);
                klZY.Add(posterior.AnalyticKl());
            }
            var logW = Torch.stack(perClass, 1) + logPy;                               // (points, C, K)
            for (var i = 0; i < ks.Length; i++)
            {
                var prefix = logW.narrow(2, 0, ks[i]).reshape(n, c * ks[i]);
                bounds.Add(i, (prefix.logsumexp(1) - Math.Log(ks[i])).to(ScalarType.Float64).data<double>());
            }
            var logQy = model.Classifier!.LogProbabilities(x);
            var u = M2Objective.Unlabelled(logQy, new M2Objective.Pieces(Torch.stack(reconY, 1), Torch.stack(klZY, 1),
                Torch.zeros([n, c], device: device)), c);
            recon += u.Recon.sum().item();
            kl += (u.KlZ + u.KlY).sum().item();
            var predicted = logQy.argmax(1).to(Device.Cpu).data<long>();
            for (var i = 0; i < predicted.Length; i++)
                if (classList[predicted[i]] == test.Labels[b * bounds.PointsPerBatch + i]) correct++;
            progress?.Invoke((b + 1.0) / source.BatchCount);
        }
        var count = test.Count;
        var records = bounds.Records(count);
        var full = records[^1];
        var record = new EvaluationRecord(e.K, full.Value, full.Se, (recon - kl) / count, recon / count, kl / count, null,
            clock.Elapsed.TotalSeconds, count, ClassifierAccuracy: (double)correct / count);
        return new EvaluationResult(record, records, new EvaluationPoints(TestPoints.Identity(config.Data, count, isBinary), bounds.PerPoint));
    }
}
