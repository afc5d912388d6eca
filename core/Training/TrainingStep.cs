using VaeSweep.Core.Config;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Training;

/// <summary>One optimiser step on one batch: objective, backward, Adam. Every temporary is freed before return. The
/// dense VAE on the CPU takes its hand-written step (<see cref="DenseVaeStep"/>), every other model autograd.</summary>
public static class TrainingStep
{
    /// <summary>Returns the step's metrics as a detached (5) tensor: loss, elbo, recon, kl, bound.
    /// <paramref name="temperature"/> is the Gumbel-softmax temperature of a categorical model.</summary>
    public static Tensor Run(Vae model, Adam optimizer, Tensor x, ObjectiveKind kind, int k, double beta,
        KlEstimator kl, Generator generator, double temperature = 1.0)
    {
        if (model.DenseStep is { } dense)
        {
            var metrics = dense.Run(x, kind, kl, k, beta, generator);
            optimizer.step();
            return metrics;
        }
        using var scope = new DisposeScope();
        return scope.MoveToOuter(Step(optimizer, Objective.Compute(model, x, kind, k, beta, kl, generator, temperature)));
    }

    /// <summary>The same for M2 (Kingma et al. 2014): a labelled batch with one-hot labels and an unlabelled batch
    /// (null when every example is labelled); see <see cref="M2Objective.Compute"/>.</summary>
    public static Tensor RunM2(Vae model, Adam optimizer, Tensor labelledX, Tensor labels, Tensor? unlabelledX,
        (double Labelled, double Unlabelled) weights, int k, double beta, double alpha, KlEstimator kl, Generator generator)
    {
        using var scope = new DisposeScope();
        var terms = M2Objective.Compute(model, labelledX, labels, unlabelledX, weights, k, beta, alpha, kl, generator);
        return scope.MoveToOuter(Step(optimizer, terms));
    }

    private static Tensor Step(Adam optimizer, StepTerms terms)
    {
        optimizer.zero_grad();
        terms.Loss.backward();
        optimizer.step();
        return terms.Stacked();
    }
}
