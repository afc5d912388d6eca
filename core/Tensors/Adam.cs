using static VaeSweep.Core.Tensors.NativeMethods;

namespace VaeSweep.Core.Tensors;

/// <summary>
/// Adam over a fixed list of parameters. The moment estimates are tensors owned here and the update is one fused
/// native pass per parameter (vs_adam_step). Its whole state is (step, exp_avg, exp_avg_sq), which a checkpoint
/// saves and restores, so a resumed run takes exactly the step an uninterrupted one would.
/// </summary>
public sealed class Adam : IDisposable
{
    private readonly IReadOnlyList<Tensor> parameters;
    private readonly Tensor[] expAvg;
    private readonly Tensor[] expAvgSq;
    private readonly IntPtr[] rawParameters, rawExpAvg, rawExpAvgSq;

    public double LearningRate { get; set; }
    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Eps { get; }

    /// <summary>Steps taken so far (t in the paper); the next step uses t + 1 for the bias corrections.</summary>
    public long StepCount { get; private set; }

    public Adam(IReadOnlyList<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8)
    {
        this.parameters = parameters;
        LearningRate = lr;
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        expAvg = parameters.Select(ZerosLike).ToArray();
        expAvgSq = parameters.Select(ZerosLike).ToArray();
        // The handles stay alive as long as this optimiser (it keeps the tensors), so the raw pointers can be
        // gathered once instead of on every step.
        rawParameters = parameters.Select(p => p.Handle.DangerousGetHandle()).ToArray();
        rawExpAvg = expAvg.Select(p => p.Handle.DangerousGetHandle()).ToArray();
        rawExpAvgSq = expAvgSq.Select(p => p.Handle.DangerousGetHandle()).ToArray();
    }

    private static Tensor ZerosLike(Tensor p) => Torch.zeros(p.shape, p.dtype, p.device).DetachFromDisposeScope();

    public void zero_grad()
    {
        foreach (var p in parameters) p.clear_grad();
    }

    public void step()
    {
        ObjectDisposedException.ThrowIf(expAvg[0].IsDisposed, this);
        Native.Check(vs_adam_step(rawParameters, rawExpAvg, rawExpAvgSq, rawParameters.Length, LearningRate, Beta1,
            Beta2, Eps, StepCount + 1));
        StepCount++;
        GC.KeepAlive(parameters);
    }

    /// <summary>The moment tensors by parameter index, for checkpoints: ("exp_avg", i, t) and ("exp_avg_sq", i, t).</summary>
    public IEnumerable<(string Kind, int Index, Tensor Tensor)> StateTensors()
    {
        for (var i = 0; i < expAvg.Length; i++)
        {
            yield return ("exp_avg", i, expAvg[i]);
            yield return ("exp_avg_sq", i, expAvgSq[i]);
        }
    }

    /// <summary>Restores the step count; the moment tensors are restored in place through StateTensors().</summary>
    public void RestoreStepCount(long steps) =>
        StepCount = steps >= 0 ? steps : throw new ArgumentOutOfRangeException(nameof(steps));

    public void Dispose()
    {
        foreach (var t in expAvg) t.Dispose();
        foreach (var t in expAvgSq) t.Dispose();
    }
}
