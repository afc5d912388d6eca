using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Training;

/// <summary>M2's measures over a whole split, without gradients: the unlabelled bound U(x) and its pieces (one
/// sample of z per point and class) and the accuracy of q(y|x)'s most probable class against the true labels.</summary>
public static class M2Statistics
{
    public sealed record Result(double Bound, double Recon, double Kl, double? Accuracy);

    public static Result Measure(Vae model, RunConfig config, BatchSource source, Generator generator)
    {
        using var _ = Torch.no_grad();
        var split = source.Split;
        var classes = LabelledSubset.Classes(config.Data);
        var order = BatchSource.Sequential(split.Count);
        double recon = 0, kl = 0;
        var correct = 0;
        for (var b = 0; b < source.BatchCount; b++)
        {
            using var scope = new DisposeScope();
            var x = source.Batch(order, b, 0);
            var n = x.size(0);
            var logQy = model.Classifier!.LogProbabilities(x);
            var eps = Torch.randn([n, model.Classes, 1, model.Latent], generator, x.dtype, x.device);
            var u = M2Objective.Unlabelled(logQy, M2Objective.LabelledForEveryClass(model, x, eps, config.Objective.Kl),
                model.Classes);
            recon += u.Recon.sum().item();
            kl += (u.KlZ + u.KlY).sum().item();
            var predicted = logQy.argmax(1).to(Device.Cpu).data<long>();
            for (var i = 0; i < predicted.Length; i++)
                if (classes[predicted[i]] == split.Labels[b * source.BatchSize + i]) correct++;
        }
        var count = split.Count;
        return new Result((recon - kl) / count, recon / count, kl / count, count == 0 ? null : (double)correct / count);
    }
}
