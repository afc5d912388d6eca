using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>Mean-field Gaussian with per-dimension log-variance (seed 002: z = mu + sqrt(exp(s)) eps).</summary>
public sealed class DiagonalGaussianPosterior : GaussianPosterior
{
    public Tensor LogVar { get; }
    private readonly Tensor std;

    public DiagonalGaussianPosterior(Tensor mean, Tensor logVar) : base(mean)
    {
        LogVar = logVar;
        std = (logVar * 0.5).exp();
    }

    protected override Tensor Transform(Tensor eps) => Mean.unsqueeze(1) + std.unsqueeze(1) * eps;

    public override GaussianPosterior Rows(long start, long length) =>
        new DiagonalGaussianPosterior(Mean.narrow(0, start, length), LogVar.narrow(0, start, length));

    protected override Tensor LogDetScale() => LogVar.sum(-1) * 0.5;

    protected override Tensor Standardise(Tensor differences) => differences / std.unsqueeze(0);

    /// <summary>Kingma & Welling 2014, appendix B: -KL = 1/2 sum(1 + log s^2 - mu^2 - s^2).</summary>
    public override Tensor AnalyticKl() => (LogVar.exp() + Mean.square() - 1.0 - LogVar).sum(-1) * 0.5;
}
