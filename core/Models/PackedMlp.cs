using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>n <see cref="Mlp"/>s of one shape, layer by layer as <see cref="PackedLinear"/>s, named as Mlp names them.</summary>
public sealed class PackedMlp : Module
{
    private readonly List<PackedLinear> layers = [];
    private readonly Activation activation;

    public int OutFeatures { get; }

    /// <summary>The layers, first to last; each is followed by the activation.</summary>
    public IReadOnlyList<PackedLinear> Layers => layers;

    public PackedMlp(int runs, int inFeatures, IReadOnlyList<int> widths, Activation activation, Device device)
    {
        this.activation = activation;
        var width = inFeatures;
        for (var i = 0; i < widths.Count; i++)
        {
            layers.Add(Child(i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new PackedLinear(runs, width, widths[i], device)));
            width = widths[i];
        }
        OutFeatures = width;
    }

    /// <summary>x (n, m, in) to (n, m, out); intermediates belong to the caller's dispose scope.</summary>
    public Tensor forward(Tensor x)
    {
        var h = x;
        foreach (var layer in layers) h = Activations.Apply(activation, layer.forward(h));
        return h;
    }
}
