using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>M2's q(y|x): an MLP of the encoder's widths and activation, then one logit per class (a softmax).</summary>
public sealed class Classifier : Module
{
    private readonly Mlp hidden;
    private readonly Linear logits;

    public Classifier(int inputs, ModelConfig config, int classes, Generator generator, Device device)
    {
        hidden = Child("hidden", new Mlp(inputs, config.Encoder, config.Activation, generator, device));
        logits = Child("logits", new Linear(hidden.OutFeatures, classes, generator, device));
    }

    /// <summary>log q(y|x) for every class, (batch, classes): the logits minus their logsumexp.</summary>
    public Tensor LogProbabilities(Tensor x)
    {
        var l = logits.forward(hidden.forward(x));
        return l - l.logsumexp(-1, keepdim: true);
    }
}
