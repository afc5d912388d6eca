namespace VaeSweep.Core.Config;

/// <summary>
/// The number of trainable parameters of a run's model, from its configuration alone (so <c>plan</c> can show it
/// before anything is built): weights and biases of every layer Models builds for it. An xunit test holds this
/// against the parameter tensors of built models of every family, so the two cannot drift apart.
/// </summary>
public static class ParameterCount
{
    /// <summary>Every data set is 28x28 images, flattened.</summary>
    public const int Inputs = ConvLayer.ImageSide * ConvLayer.ImageSide;

    /// <summary>The column that shows the count, in plans and reports alike.</summary>
    public const string Header = "params";

    /// <summary>The count with thousands separators, so that sizes compare at a glance.</summary>
    public static string Display(RunConfig config) => Display(Of(config));

    public static string Display(long count) => count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    public static long Of(RunConfig config)
    {
        var model = config.Model;
        var classes = config.Objective.Kind == ObjectiveKind.M2 ? config.Data.LabelClasses().Length : 0;
        var categorical = model.Posterior == PosteriorKind.Categorical;
        var units = categorical ? model.Latent * model.Categories : model.Latent;
        var total = Encoder(model, Inputs + classes, categorical) + Decoder(model, units + classes);
        // M2's q(y|x): an MLP of the encoder's dense widths over x, then one logit per class.
        if (classes > 0) total += Dense(Inputs, model.Encoder, out var width) + Linear(width, classes);
        return total;
    }

    private static long Encoder(ModelConfig model, int inputs, bool categorical)
    {
        long total = 0;
        if (model.EncoderConv.Count > 0)
        {
            total += Convolutions(model.EncoderConv);
            inputs = Features(model.EncoderConv);
        }
        int width;
        var widths = model.Encoder;
        // Seed 003's design: the first layer shared, the rest once for the mean and once for the scale.
        if (!categorical && model.SharedFirstLayer && widths.Count > 1)
            total += Linear(inputs, widths[0]) + 2 * Dense(widths[0], widths.Skip(1).ToList(), out width);
        else total += Dense(inputs, widths, out width);
        if (categorical) return total + Linear(width, model.Latent * model.Categories);
        // The mean, the log-variance (or the Cholesky factor's log-diagonal) and, for a full covariance, its lower part.
        total += 2 * Linear(width, model.Latent);
        return model.Posterior == PosteriorKind.Full ? total + Linear(width, model.Latent * model.Latent) : total;
    }

    private static long Decoder(ModelConfig model, int inputs)
    {
        var total = Dense(inputs, model.Decoder, out var width);
        if (model.DecoderConv.Count == 0) return total + Linear(width, Inputs);
        // A projection to the deepest feature map, then the transposed mirror of each layer back to one channel.
        total += Linear(width, Features(model.DecoderConv));
        var spec = model.DecoderConv;
        for (var i = 0; i < spec.Count; i++)
            total += Kernel(spec[i].Channels, i == 0 ? 1 : spec[i - 1].Channels, spec[i].Kernel);
        return total;
    }

    private static long Convolutions(IReadOnlyList<ConvLayer> spec)
    {
        long total = 0;
        var channels = 1;
        foreach (var layer in spec)
        {
            total += Kernel(channels, layer.Channels, layer.Kernel);
            channels = layer.Channels;
        }
        return total;
    }

    /// <summary>A convolution's (or its transpose's) kernel weights and one bias per output channel.</summary>
    private static long Kernel(int inChannels, int outChannels, int kernel) =>
        (long)inChannels * outChannels * kernel * kernel + outChannels;

    private static int Features(IReadOnlyList<ConvLayer> spec)
    {
        var (channels, side) = ConvLayer.Shapes(spec)[^1];
        return channels * side * side;
    }

    private static long Dense(int inputs, IReadOnlyList<int> widths, out int width)
    {
        long total = 0;
        width = inputs;
        foreach (var w in widths)
        {
            total += Linear(width, w);
            width = w;
        }
        return total;
    }

    private static long Linear(int inputs, int outputs) => (long)inputs * outputs + outputs;
}
