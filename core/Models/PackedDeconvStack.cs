using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>n <see cref="DeconvStack"/>s of one spec, named as DeconvStack names its layers.</summary>
public sealed class PackedDeconvStack : Module
{
    private readonly PackedLinear project;
    private readonly List<PackedConv2d> layers = [];
    private readonly Activation activation;
    private readonly int runs;
    private readonly (int Channels, int Side) first;

    public PackedDeconvStack(int runs, int inFeatures, IReadOnlyList<ConvLayer> spec, Activation activation, Device device)
    {
        this.runs = runs;
        this.activation = activation;
        first = ConvShapes.Last(spec);
        project = Child("project", new PackedLinear(runs, inFeatures, ConvShapes.Features(spec), device));
        var i = 0;
        foreach (var (channelsIn, channelsOut, layer) in ConvShapes.Mirror(spec))
            layers.Add(Child((i++).ToString(System.Globalization.CultureInfo.InvariantCulture),
                new PackedConv2d(runs, channelsIn, channelsOut, layer, transposed: true, device)));
    }

    /// <summary>h (n, m, in) to logits (n, m, 784).</summary>
    public Tensor forward(Tensor h)
    {
        var m = h.size(1);
        var x = RunsIntoChannels(Activations.Apply(activation, project.forward(h)), m)
            .reshape(m, runs * first.Channels, first.Side, first.Side);
        for (var i = 0; i < layers.Count; i++)
        {
            x = layers[i].forward(x);
            if (i < layers.Count - 1) x = Activations.Apply(activation, x);
        }
        return x.reshape(m, runs, ConvShapes.ImageInputs).transpose(0, 1);
    }

    /// <summary>
    /// y (n, m, f) as (m * n, f), row i * n + r holding y[r, i]: the runs side by side within each example. Done by
    /// gathering rows, not by a transposed view, for the sake of the backward pass: gathering's gradient is scattered
    /// into a fresh (n, m, f) tensor, so the projection's bias gradient is a sum over m of a contiguous block per run
    /// whatever n is, where the transposed view's gradient made it a sum over a strided layout whose rounding depended
    /// on n (a run in a pack of three ended 5e-7 away from the same run alone).
    /// </summary>
    private Tensor RunsIntoChannels(Tensor y, long m)
    {
        using var order = Torch.arange(runs * m, device: y.device).reshape(runs, m).t().reshape(-1);
        return y.reshape(runs * m, -1).index_select(0, order);
    }
}
