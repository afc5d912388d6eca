using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>Scalar tensors of one step, batch means: the loss to minimise and the metrics reported beside it.</summary>
public sealed record StepTerms(Tensor Loss, Tensor Elbo, Tensor Recon, Tensor Kl, Tensor Bound)
{
    /// <summary>The five values as one detached (5) tensor, so metrics accumulate on the device with no sync.</summary>
    public Tensor Stacked()
    {
        using var _ = Torch.no_grad();
        return Torch.cat([Loss.reshape(1), Elbo.reshape(1), Recon.reshape(1), Kl.reshape(1), Bound.reshape(1)], 0);
    }
}
