using VaeSweep.Core.Data;
using VaeSweep.Core.Models;
using VaeSweep.Core.Pictures;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Evaluation;

/// <summary>
/// The pictures of seeds 002 and 003, written as PNG into a run's folder: samples from the prior, k reconstructions
/// per input, the latent embedding of the test set coloured by class (the first two principal axes of the posterior
/// means when the latent has more than two dimensions), and the latent-grid manifold for 2-D latents.
/// Returns (kind, path) for each picture written.
/// </summary>
public static class RunPictures
{
    public static IReadOnlyList<(string Kind, string Path)> Write(Vae model, DataSplit test, Tensor testBatch,
        int side, string folder, ulong seed)
    {
        Directory.CreateDirectory(folder);
        using var _ = Torch.no_grad();
        using var scope = new DisposeScope();
        using var generator = new Generator(seed, model.Device);
        var written = new List<(string, string)>();

        var prior = Torch.randn([64, model.Latent], generator, device: model.Device);
        var priorImages = model.Decoder.forward(prior).sigmoid().data<float>();
        written.Add(Save(ImageGrid.Tile(priorImages, side, side, 8, 8), folder, "prior-samples"));

        const int inputs = 8, k = 5;
        var x = testBatch.narrow(0, 0, Math.Min(inputs, testBatch.size(0)));
        var n = (int)x.size(0);
        var (z, _) = model.Encoder.forward(x).Sample(k, generator);
        var recon = model.Decoder.forward(z.reshape(n * k, model.Latent)).sigmoid().data<float>();
        written.Add(Save(ImageGrid.Reconstructions(x.data<float>(), recon, k, side, side), folder, "reconstructions"));

        var (points, labels) = Embedding(model, test, testBatch);
        var scatter = new ScatterPlot().Render(points, labels);
        var embeddingPath = Path.Combine(folder, "latent-embedding.png");
        scatter.SavePng(embeddingPath);
        written.Add(("latent-embedding", embeddingPath));

        if (model.Latent == 2) written.Add(Save(LatentGrid(model, side, 15), folder, "latent-grid"));
        return written;
    }

    private static (string, string) Save(GreyImage image, string folder, string kind)
    {
        var path = Path.Combine(folder, kind + ".png");
        image.SavePng(path);
        return (kind, path);
    }

    /// <summary>Posterior means of the batch, projected to 2-D when needed, with the batch's labels.</summary>
    private static (float[] Points, byte[] Labels) Embedding(Vae model, DataSplit test, Tensor batch)
    {
        var means = model.Encoder.forward(batch).Mean.data<float>();
        var n = (int)batch.size(0);
        var labels = test.Labels.AsSpan(0, n).ToArray();
        return (model.Latent == 2 ? means : Projection.FirstTwoPrincipalAxes(means, n, model.Latent), labels);
    }

    /// <summary>Decoded means over a grid of latent points at standard-normal quantiles (Kingma & Welling, fig. 4).</summary>
    private static GreyImage LatentGrid(Vae model, int side, int steps)
    {
        var grid = new float[steps * steps * 2];
        for (var row = 0; row < steps; row++)
            for (var col = 0; col < steps; col++)
            {
                grid[(row * steps + col) * 2] = (float)NormalQuantile((col + 0.5) / steps);
                grid[(row * steps + col) * 2 + 1] = (float)NormalQuantile(1 - (row + 0.5) / steps);
            }
        var z = Torch.tensor(grid, [steps * steps, 2], model.Device);
        return ImageGrid.Tile(model.Decoder.forward(z).sigmoid().data<float>(), side, side, steps, steps);
    }

    /// <summary>Inverse of the standard normal CDF (Acklam's rational approximation, |error| &lt; 1.2e-9).</summary>
    public static double NormalQuantile(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) return -NormalQuantile(1 - p);
        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
