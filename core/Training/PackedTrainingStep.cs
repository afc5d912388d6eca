using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Training;

/// <summary><see cref="TrainingStep"/> for a pack: one objective over all runs, one backward, one packed Adam step (a
/// pack of dense VAEs on the CPU: <see cref="PackedDenseVaeStep"/> instead of the objective and backward).</summary>
public static class PackedTrainingStep
{
    /// <summary>Returns the step's metrics as a detached (runs, 5) tensor: loss, elbo, recon, kl, bound per run.</summary>
    public static Tensor Run(PackedVae model, PackedAdam optimizer, Tensor x, int k, IReadOnlyList<RunObjective> runs,
        IReadOnlyList<Generator> generators)
    {
        if (model.DenseStep is { } dense)
        {
            var metrics = dense.Run(x, k, runs, generators);
            optimizer.step();
            return metrics;
        }
        using var scope = new DisposeScope();
        return scope.MoveToOuter(Step(optimizer, PackedObjective.Compute(model, x, k, runs, generators)));
    }

    /// <summary>The same for an M2 pack: its runs' labelled, label and unlabelled batches stacked (see
    /// <see cref="PackedM2Objective.Compute"/>).</summary>
    public static Tensor RunM2(PackedVae model, PackedAdam optimizer, Tensor labelledX, Tensor labels, Tensor? unlabelledX,
        (double Labelled, double Unlabelled) weights, int k, IReadOnlyList<RunObjective> runs, IReadOnlyList<Generator> generators)
    {
        using var scope = new DisposeScope();
        var terms = PackedM2Objective.Compute(model, labelledX, labels, unlabelledX, weights, k, runs, generators);
        return scope.MoveToOuter(Step(optimizer, terms));
    }

    private static Tensor Step(PackedAdam optimizer, PackedStepTerms terms)
    {
        optimizer.zero_grad();
        terms.TotalLoss().backward();
        optimizer.step();
        return terms.Stacked();
    }
}
