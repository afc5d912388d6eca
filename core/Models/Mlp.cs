using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>A stack of Linear layers, each followed by the activation (hidden layers only: no output layer).</summary>
public sealed class Mlp : Module
{
    private readonly List<Linear> layers = [];
    private readonly Activation activation;

    public int OutFeatures { get; }

    /// <summary>The layers, first to last; each is followed by the activation.</summary>
    public IReadOnlyList<Linear> Layers => layers;

    public Mlp(int inFeatures, IReadOnlyList<int> widths, Activation activation, Generator generator, Device device)
    {
        this.activation = activation;
        var width = inFeatures;
        for (var i = 0; i < widths.Count; i++)
        {
            layers.Add(Child(i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new Linear(width, widths[i], generator, device)));
            width = widths[i];
        }
        OutFeatures = width;
    }

    /// <summary>Runs the layers; intermediates belong to the caller's dispose scope, as in every forward.</summary>
    public Tensor forward(Tensor x)
    {
        var h = x;
        foreach (var layer in layers) h = Activations.Apply(activation, layer.forward(h));
        return h;
    }
}
