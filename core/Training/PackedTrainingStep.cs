using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Training;

/// <summary><see cref="TrainingStep"/> for a pack: one objective over all runs, one backward, one packed Adam step.</summary>
public static class PackedTrainingStep
{
    /// <summary>Returns the step's metrics as a detached (runs, 5) tensor: loss, elbo, recon, kl, bound per run.</summary>
    public static Tensor Run(PackedVae model, PackedAdam optimizer, Tensor x, int k, IReadOnlyList<RunObjective> runs,
        IReadOnlyList<Generator> generators)
    {
        using var scope = new DisposeScope();
        var terms = PackedObjective.Compute(model, x, k, runs, generators);
        optimizer.zero_grad();
        terms.TotalLoss().backward();
        optimizer.step();
        return scope.MoveToOuter(terms.Stacked());
    }
}
