using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>n M2 <see cref="Classifier"/>s of one configuration, named as the single classifier names its layers.</summary>
public sealed class PackedClassifier : Module
{
    private readonly PackedMlp hidden;
    private readonly PackedLinear logits;

    public PackedClassifier(int runs, int inputs, ModelConfig config, int classes, Device device)
    {
        hidden = Child("hidden", new PackedMlp(runs, inputs, config.Encoder, config.Activation, device));
        logits = Child("logits", new PackedLinear(runs, hidden.OutFeatures, classes, device));
    }

    /// <summary>log q(y|x) for every class, x (n, batch, inputs) to (n, batch, classes).</summary>
    public Tensor LogProbabilities(Tensor x)
    {
        var l = logits.forward(hidden.forward(x));
        return l - l.logsumexp(-1, keepdim: true);
    }
}
