using VaeSweep.Core.Config;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Training;

/// <summary>One optimiser step on one batch: objective, backward, Adam. Every temporary is freed before return.</summary>
public static class TrainingStep
{
    /// <summary>Returns the step's metrics as a detached (5) tensor: loss, elbo, recon, kl, bound.
    /// <paramref name="temperature"/> is the Gumbel-softmax temperature of a categorical model.</summary>
    public static Tensor Run(Vae model, Adam optimizer, Tensor x, ObjectiveKind kind, int k, double beta,
        KlEstimator kl, Generator generator, double temperature = 1.0)
    {
        using var scope = new DisposeScope();
        var terms = Objective.Compute(model, x, kind, k, beta, kl, generator, temperature);
        optimizer.zero_grad();
        terms.Loss.backward();
        optimizer.step();
        return scope.MoveToOuter(terms.Stacked());
    }
}
