using static VaeSweep.Core.Tensors.NativeMethods;

namespace VaeSweep.Core.Tensors;

/// <summary>
/// Adam over packed parameters: every tensor leads with a run dimension of size <see cref="Runs"/>, and each run has
/// its own learning rate, betas, eps and step count. One native pass per parameter (vs_packed_adam_step) updates
/// all runs, and run r's slice changes exactly as <see cref="Adam"/> would change that run's lone parameters, so a
/// run can leave the pack (<see cref="CopyRunInto"/>) into an ordinary Adam and continue there.
/// </summary>
public sealed class PackedAdam : IDisposable
{
    private readonly IReadOnlyList<Tensor> parameters;
    private readonly Tensor[] expAvg;
    private readonly Tensor[] expAvgSq;
    private readonly IntPtr[] rawParameters, rawExpAvg, rawExpAvgSq;
    private readonly long[] nextSteps;

    public int Runs { get; }
    /// <summary>Per-run learning rates; the trainer sets them each epoch from each run's schedule.</summary>
    public double[] LearningRates { get; }
    public double[] Beta1 { get; }
    public double[] Beta2 { get; }
    public double[] Eps { get; }
    /// <summary>Steps taken so far by each run (t in the paper).</summary>
    public long[] StepCounts { get; }

    /// <summary>Fresh moments (zeros) and the given hyperparameters, one entry per run.</summary>
    public PackedAdam(IReadOnlyList<Tensor> parameters, double[] lr, double[] beta1, double[] beta2, double[] eps)
    {
        Runs = lr.Length;
        if (beta1.Length != Runs || beta2.Length != Runs || eps.Length != Runs)
            throw new ArgumentException("every per-run hyperparameter needs one value per run");
        foreach (var p in parameters)
            if (p.dim() < 1 || p.size(0) != Runs)
                throw new ArgumentException($"packed parameter {p} does not lead with the {Runs} runs");
        this.parameters = parameters;
        LearningRates = (double[])lr.Clone();
        Beta1 = (double[])beta1.Clone();
        Beta2 = (double[])beta2.Clone();
        Eps = (double[])eps.Clone();
        StepCounts = new long[Runs];
        nextSteps = new long[Runs];
        expAvg = parameters.Select(ZerosLike).ToArray();
        expAvgSq = parameters.Select(ZerosLike).ToArray();
        rawParameters = parameters.Select(p => p.Handle.DangerousGetHandle()).ToArray();
        rawExpAvg = expAvg.Select(p => p.Handle.DangerousGetHandle()).ToArray();
        rawExpAvgSq = expAvgSq.Select(p => p.Handle.DangerousGetHandle()).ToArray();
    }

    /// <summary>Packs the runs' own optimisers: their hyperparameters, step counts and moments (stacked in run
    /// order), for parameters packed in the same order as each Adam's.</summary>
    /// <paramref name="layout"/> maps a run's tensor to its slice of the pack (as the parameters were packed).
    public static PackedAdam FromRuns(IReadOnlyList<Tensor> parameters, IReadOnlyList<Adam> runs,
        Func<Tensor, Tensor> layout)
    {
        var packed = new PackedAdam(parameters, runs.Select(a => a.LearningRate).ToArray(),
            runs.Select(a => a.Beta1).ToArray(), runs.Select(a => a.Beta2).ToArray(), runs.Select(a => a.Eps).ToArray());
        for (var r = 0; r < runs.Count; r++) packed.StepCounts[r] = runs[r].StepCount;
        using var scope = new DisposeScope();
        var states = runs.Select(a => a.StateTensors().ToList()).ToList();
        foreach (var (kind, index, target) in packed.StateTensors())
            target.copy_(Torch.stack(states.Select(s => layout(s.Single(t => t.Kind == kind && t.Index == index).Tensor)).ToList()));
        return packed;
    }

    /// <summary>Run <paramref name="run"/>'s moments and step count into an ordinary Adam over that run's lone
    /// parameters (the same list order), e.g. to write the run's checkpoint.</summary>
    /// <paramref name="layout"/> maps a slice of the pack back to the run's layout.
    public void CopyRunInto(int run, Adam target, Func<Tensor, Tensor> layout)
    {
        using var scope = new DisposeScope();
        var mine = StateTensors().ToList();
        foreach (var (kind, index, t) in target.StateTensors())
            t.copy_(layout(mine.Single(s => s.Kind == kind && s.Index == index).Tensor.select(0, run)));
        target.RestoreStepCount(StepCounts[run]);
    }

    private static Tensor ZerosLike(Tensor p) => Torch.zeros(p.shape, p.dtype, p.device).DetachFromDisposeScope();

    public void zero_grad()
    {
        foreach (var p in parameters) p.clear_grad();
    }

    public void step()
    {
        ObjectDisposedException.ThrowIf(expAvg[0].IsDisposed, this);
        for (var r = 0; r < Runs; r++) nextSteps[r] = StepCounts[r] + 1;
        Native.Check(vs_packed_adam_step(rawParameters, rawExpAvg, rawExpAvgSq, rawParameters.Length, Runs,
            LearningRates, Beta1, Beta2, Eps, nextSteps));
        for (var r = 0; r < Runs; r++) StepCounts[r]++;
        GC.KeepAlive(parameters);
    }

    /// <summary>The packed moment tensors by parameter index, named as <see cref="Adam.StateTensors"/> names them.</summary>
    public IEnumerable<(string Kind, int Index, Tensor Tensor)> StateTensors()
    {
        for (var i = 0; i < expAvg.Length; i++)
        {
            yield return ("exp_avg", i, expAvg[i]);
            yield return ("exp_avg_sq", i, expAvgSq[i]);
        }
    }

    public void Dispose()
    {
        foreach (var t in expAvg) t.Dispose();
        foreach (var t in expAvgSq) t.Dispose();
    }
}
