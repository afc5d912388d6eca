using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary><see cref="StepTerms"/> for a pack: each a (runs) tensor of run r's batch mean at index r.</summary>
public sealed record PackedStepTerms(Tensor Loss, Tensor Elbo, Tensor Recon, Tensor Kl, Tensor Bound)
{
    /// <summary>The sum of the runs' losses: its gradient with respect to run r's parameters is exactly the
    /// gradient of run r's own loss, since no run's loss depends on another run's parameters.</summary>
    public Tensor TotalLoss() => Loss.sum();

    /// <summary>(runs, 5) detached: loss, elbo, recon, kl, bound per run, as StepTerms.Stacked() per run.</summary>
    public Tensor Stacked()
    {
        using var _ = Torch.no_grad();
        return Torch.stack([Loss, Elbo, Recon, Kl, Bound], 1);
    }
}
