using System.Globalization;
using VaeSweep.Core.Config;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.SelfTest;

/// <summary>
/// Checks of M2's objective (Kingma et al. 2014) on a tiny model of three classes: the unlabelled bound computed for
/// every y in one batch against the same bound enumerated y by y with separate labelled-bound calls and summed in
/// plain doubles, and the classification term's gradient at the classifier's output bias against its closed form.
/// </summary>
public static class M2Checks
{
    public const int Classes = 3, Points = 5, Samples = 2;

    // float32 networks: the batched and the enumerated sums differ by rounding only.
    private const double Tolerance = 1e-3;

    public static Vae TinyModel(Device device, ulong seed = 42)
    {
        using var g = new Generator(seed, device);
        return new Vae(CheckFixtures.TinyConfig(), CheckFixtures.Inputs, g, device, Classes);
    }

    /// <summary>
    /// U(x) = sum_y q(y|x) L(x,y) + H(q(y|x)) two ways, on the same noise: (a) M2Objective.Unlabelled, all classes in
    /// one batch; (b) L(x,y) from one M2Objective.Labelled call per class, then the expectation over q(y|x) and the
    /// entropy in doubles. Both KL estimators; the largest difference over points must be rounding.
    /// </summary>
    public static CheckResult UnlabelledBoundTwoWays(Device device)
    {
        using var scope = new DisposeScope();
        using var _ = Torch.no_grad();
        using var model = TinyModel(device);
        using var g = new Generator(7, device);
        var x = CheckFixtures.BinaryBatch(Points, device);
        var eps = Torch.randn([Points, Classes, Samples, model.Latent], g, device: device);
        var q = model.Classifier!.LogProbabilities(x).exp().data<float>();
        var worst = 0.0;
        foreach (var kl in new[] { KlEstimator.Analytic, KlEstimator.MonteCarlo })
        {
            var batched = M2Objective.Unlabelled(model, x, eps, kl).Bound().data<float>();
            var perClass = Enumerable.Range(0, Classes).Select(c =>
                M2Objective.Labelled(model, x, M2Objective.OneHot(Enumerable.Repeat(c, Points).ToArray(), Classes, device),
                    eps.select(1, c), kl).Bound().data<float>()).ToArray();
            for (var i = 0; i < Points; i++)
            {
                double expectation = 0, entropy = 0;
                for (var c = 0; c < Classes; c++)
                {
                    var qc = (double)q[i * Classes + c];
                    expectation += qc * perClass[c][i];
                    entropy -= qc * Math.Log(qc);
                }
                worst = Math.Max(worst, Math.Abs(batched[i] - (expectation + entropy)));
            }
        }
        return new CheckResult("m2-unlabelled-bound-two-ways", worst < Tolerance,
            Inv($"U(x) batched over y vs E_q(y|x)[L(x,y)] + H from per-class calls: largest difference {worst:E2} (limit {Tolerance:E0})"),
            new Dictionary<string, double> { ["difference"] = worst });
    }

    /// <summary>
    /// The classification term alpha E_labelled[log q(y|x)] of eq. 9 in the step loss: raising alpha by a changes the
    /// loss's gradient at the classifier's output bias by a mean_b(q(.|x_b) - onehot(y_b)), the softmax's
    /// cross-entropy gradient, and nothing else of the loss (the same noise at both alphas).
    /// </summary>
    public static CheckResult ClassifierTermGradient(Device device, double alpha = 2.5)
    {
        using var scope = new DisposeScope();
        using var model = TinyModel(device);
        var x = CheckFixtures.BinaryBatch(Points, device);
        int[] labels = [0, 2, 1, 2, 0];
        var hot = M2Objective.OneHot(labels, Classes, device);
        var unlabelled = CheckFixtures.BinaryBatch(4, device, seed: 3);
        var bias = model.NamedParameters().Single(p => p.Name == "classifier.logits.bias").Tensor;
        double[] BiasGradient(double a)
        {
            using var g = new Generator(11, device);
            foreach (var p in model.Parameters()) p.clear_grad();
            M2Objective.Compute(model, x, hot, unlabelled, (0.5, 0.5), 1, 1.0, a, KlEstimator.Analytic, g).Loss.backward();
            return bias.grad()!.to(ScalarType.Float64).data<double>();
        }
        var without = BiasGradient(0);
        var with = BiasGradient(alpha);
        double[] q;
        using (Torch.no_grad()) q = model.Classifier!.LogProbabilities(x).exp().to(ScalarType.Float64).data<double>();
        var worst = 0.0;
        for (var c = 0; c < Classes; c++)
        {
            var expected = alpha * Enumerable.Range(0, Points).Average(b => q[b * Classes + c] - (labels[b] == c ? 1 : 0));
            worst = Math.Max(worst, Math.Abs(with[c] - without[c] - expected));
        }
        return new CheckResult("m2-classifier-gradient", worst < Tolerance,
            Inv($"d loss / d classifier bias, alpha {alpha} minus alpha 0, vs alpha mean(q - onehot): largest difference {worst:E2} (limit {Tolerance:E0})"),
            new Dictionary<string, double> { ["difference"] = worst });
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
