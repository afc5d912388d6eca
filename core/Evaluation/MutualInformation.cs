using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Models;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;

namespace VaeSweep.Core.Evaluation;

/// <summary>
/// The mutual information between x and z under the encoder, I(x;z) = E_x E_{q(z|x)}[log q(z|x) - log q(z)], with
/// the aggregate posterior q(z) the mixture of the posteriors of the test points (Hoffman and Johnson 2016, "ELBO
/// surgery"): one z_n ~ q(z|x_n) per point, log q(z_n) = logsumexp_m log q(z_n|x_m) - log N. It is how much of the
/// KL term buys information about x rather than mismatch with the prior: a collapsed posterior has I = 0 however
/// the KL reads. The mixture includes x_n itself, so the estimate is at most log N; the uncertainty is the standard
/// error over points. The first <see cref="MaxPoints"/> test points are used (the cost grows as N^2), drawn with
/// the evaluation's common noise, so every run is measured on the same points and draws.
/// </summary>
public static class MutualInformation
{
    public const int MaxPoints = 2000;

    // Differences (rows x N x latent) held at once: blocks of rows keep a full-covariance solve within ~64 MB.
    private const long DifferencesPerBlock = 4_000_000;

    /// <summary>The estimate and its standard error; null for a posterior without a density over z (categorical,
    /// whose relaxed samples the mixture cannot score) and for M2, whose q(z|x,y) has no posterior without a y.</summary>
    public static MutualInformationEstimate? Estimate(Vae model, RunConfig config, DataSplit test, bool isBinary,
        Device device, CancellationToken stop = default)
    {
        if (model.Classes > 0) return null;
        using var _ = Torch.no_grad();
        using var scope = new DisposeScope();
        var n = Math.Min(test.Count, MaxPoints);
        var source = new BatchSource(test, TestPoints.Binarizer(config.Data, isBinary), n, device);
        if (model.Encoder.forward(source.Batch(BatchSource.Sequential(n), 0, 0)) is not GaussianPosterior posterior)
            return null;
        using var generator = new Generator(TestPoints.NoiseSeed, device);
        return FromPosteriors(posterior, generator, stop);
    }

    /// <summary><see cref="Estimate"/> for each run of a pack: the points encoded by the pack in one pass (run r on
    /// its own test bits), each run's share of the posterior scored alone with the common noise, as its lone run's.</summary>
    public static IReadOnlyList<MutualInformationEstimate?> Estimates(PackedVae model, IReadOnlyList<RunConfig> configs,
        DataSplit test, bool isBinary, Device device, CancellationToken stop = default)
    {
        if (model.IsCategorical || model.IsM2) return new MutualInformationEstimate?[model.Runs];
        using var _ = Torch.no_grad();
        using var scope = new DisposeScope();
        var n = Math.Min(test.Count, MaxPoints);
        var x = Torch.stack(configs.Select(c => new BatchSource(test, TestPoints.Binarizer(c.Data, isBinary), n, device)
            .Batch(BatchSource.Sequential(n), 0, 0)).ToList());
        var posterior = (GaussianPosterior)model.Encoder.forward(x);
        return Enumerable.Range(0, model.Runs).Select(r =>
        {
            using var generator = new Generator(TestPoints.NoiseSeed, device);
            return (MutualInformationEstimate?)FromPosteriors(posterior.Rows(r * n, n), generator, stop);
        }).ToList();
    }

    /// <summary>The estimate for the empirical distribution of the batch's points, each with its posterior.</summary>
    public static MutualInformationEstimate FromPosteriors(GaussianPosterior posterior, Generator generator,
        CancellationToken stop = default)
    {
        var n = (int)posterior.Mean.size(0);
        var (draws, logQ) = posterior.Sample(1, generator);
        var z = draws.squeeze(1);                                              // (n, latent)
        var ownLogQ = logQ.squeeze(1);                                         // (n)
        var rowsPerBlock = (int)Math.Clamp(DifferencesPerBlock / (n * posterior.Latent), 1, n);
        double sum = 0, squares = 0;
        for (var start = 0; start < n; start += rowsPerBlock)
        {
            stop.ThrowIfCancellationRequested();
            using var block = new DisposeScope();
            var rows = Math.Min(rowsPerBlock, n - start);
            var aggregate = posterior.LogDensityUnderEach(z.narrow(0, start, rows)).logsumexp(1) - Math.Log(n);
            foreach (var term in (ownLogQ.narrow(0, start, rows) - aggregate).to(ScalarType.Float64).data<double>())
            {
                sum += term;
                squares += term * term;
            }
        }
        return new MutualInformationEstimate(sum / n, Evaluator.StandardError(sum, squares, n), n);
    }
}
