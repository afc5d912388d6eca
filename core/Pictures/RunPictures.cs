using MathNet.Numerics.Distributions;
using VaeSweep.Core.Data;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Pictures;

/// <summary>
/// The pictures of seeds 002 and 003, written as PNG into a run's folder: samples from the prior, k reconstructions
/// per input, the latent embedding of the test set coloured by class (the first two principal axes of the posterior
/// means when the latent has more than two dimensions), and the latent-grid manifold for 2-D latents. A categorical
/// latent gets the category samples instead of the grid: each row fixes the other variables at a prior draw and
/// each column sets the first variable to one category. An M2 run gets its own pictures (M2Pictures). Returns (kind,
/// path) for each picture written.
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
        if (model.IsM2) return M2Pictures.Write(model, testBatch, side, folder, generator);
        var written = new List<(string, string)>();

        var prior = model.SamplePrior(64, generator);
        var priorImages = model.Decoder.forward(prior).sigmoid().data<float>();
        written.Add(Save(ImageGrid.Tile(priorImages, side, side, 8, 8), folder, "prior-samples"));

        const int inputs = 8, k = 5;
        var x = testBatch.narrow(0, 0, Math.Min(inputs, testBatch.size(0)));
        var n = (int)x.size(0);
        var (z, _) = model.Encoder.forward(x).Sample(k, generator);
        var recon = model.Decoder.forward(z.reshape(n * k, model.Units)).sigmoid().data<float>();
        written.Add(Save(ImageGrid.Reconstructions(x.data<float>(), recon, k, side, side), folder, "reconstructions"));

        var (points, labels) = Embedding(model, test, testBatch);
        written.AddRange(SaveEmbedding(EmbeddingOf(points, labels, model.Units), folder));

        if (model.IsCategorical) written.Add(Save(CategorySamples(model, side, 8, generator), folder, "category-samples"));
        else if (model.Latent == 2) written.Add(Save(LatentGrid(model, side, 15), folder, "latent-grid"));
        return written;
    }

    internal static (string, string) Save(GreyImage image, string folder, string kind)
    {
        var path = Path.Combine(folder, kind + ".png");
        image.SavePng(path);
        return (kind, path);
    }

    // The embedding is kept twice under one kind: the SVG carries the axes, tick values and legend (the HTML
    // report shows it); the PNG is the points alone, for a folder of pictures.
    private static IEnumerable<(string, string)> SaveEmbedding(LatentEmbedding embedding, string folder)
    {
        var svg = Path.Combine(folder, "latent-embedding.svg");
        File.WriteAllText(svg, embedding.Svg());
        var png = Path.Combine(folder, "latent-embedding.png");
        embedding.Raster().SavePng(png);
        return [("latent-embedding", svg), ("latent-embedding", png)];
    }

    // units: the posterior mean's width (the latent size, or variables x categories for a categorical latent).
    private static LatentEmbedding EmbeddingOf(float[] points, byte[] labels, int latent)
    {
        var title = $"latent embedding of {labels.Length} test points";
        return latent == 2
            ? new LatentEmbedding(points, labels, title, "z1 (posterior mean)", "z2 (posterior mean)")
            : new LatentEmbedding(points, labels, title, $"principal axis 1 of the {latent}-D posterior means", "principal axis 2");
    }

    /// <summary>Posterior means of the batch, projected to 2-D when needed, with the batch's labels.</summary>
    private static (float[] Points, byte[] Labels) Embedding(Vae model, DataSplit test, Tensor batch)
    {
        var means = model.Encoder.forward(batch).Mean.data<float>();
        var n = (int)batch.size(0);
        var labels = test.Labels.AsSpan(0, n).ToArray();
        return (model.Units == 2 ? means : Projection.FirstTwoPrincipalAxes(means, n, model.Units), labels);
    }

    /// <summary>Decoded means of <paramref name="rows"/> prior draws with the first categorical variable set to each
    /// of its categories in turn, one column per category.</summary>
    private static GreyImage CategorySamples(Vae model, int side, int rows, Generator generator)
    {
        var categories = model.Units / model.Latent;
        var prior = model.SamplePrior(rows, generator).data<float>();
        var z = new float[rows * categories * model.Units];
        for (var row = 0; row < rows; row++)
            for (var c = 0; c < categories; c++)
            {
                var at = (row * categories + c) * model.Units;
                prior.AsSpan(row * model.Units, model.Units).CopyTo(z.AsSpan(at));
                z.AsSpan(at, categories).Clear();
                z[at + c] = 1f;
            }
        var decoded = model.Decoder.forward(Torch.tensor(z, [rows * categories, model.Units], model.Device));
        return ImageGrid.Tile(decoded.sigmoid().data<float>(), side, side, rows, categories);
    }

    /// <summary>Decoded means over a grid of latent points at standard-normal quantiles (Kingma & Welling, fig. 4).</summary>
    private static GreyImage LatentGrid(Vae model, int side, int steps)
    {
        var grid = new float[steps * steps * 2];
        for (var row = 0; row < steps; row++)
            for (var col = 0; col < steps; col++)
            {
                grid[(row * steps + col) * 2] = (float)Normal.InvCDF(0, 1, (col + 0.5) / steps);
                grid[(row * steps + col) * 2 + 1] = (float)Normal.InvCDF(0, 1, 1 - (row + 0.5) / steps);
            }
        var z = Torch.tensor(grid, [steps * steps, 2], model.Device);
        return ImageGrid.Tile(model.Decoder.forward(z).sigmoid().data<float>(), side, side, steps, steps);
    }
}
