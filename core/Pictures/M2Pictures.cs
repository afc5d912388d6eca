using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Pictures;

/// <summary>
/// The pictures of an M2 run (Kingma et al. 2014), whose decoder needs a class as well as z: class samples (each row one
/// prior draw of z, each column one class, so a row keeps its style while the class changes), and analogies as in the
/// paper's figure: each row a test digit, then its style z (the posterior mean of q(z|x,y) at the class q(y|x) finds
/// most probable) decoded with every class.
/// </summary>
public static class M2Pictures
{
    public static IReadOnlyList<(string Kind, string Path)> Write(Vae model, Tensor testBatch, int side, string folder,
        Generator generator)
    {
        const int rows = 8;
        var c = model.Classes;
        var z = Torch.randn([rows, model.Latent], generator, device: model.Device);
        var samples = Decode(model, z);
        var written = new List<(string, string)> { RunPictures.Save(ImageGrid.Tile(samples, side, side, rows, c), folder, "class-samples") };

        var x = testBatch.narrow(0, 0, Math.Min(rows, testBatch.size(0)));
        var n = (int)x.size(0);
        var predicted = model.Classifier!.LogProbabilities(x).argmax(1).to(Device.Cpu).data<long>();
        var hot = M2Objective.OneHot(predicted.Select(p => (int)p).ToArray(), c, model.Device);
        var style = model.Encoder.forward(Torch.cat([x, hot], 1)).Mean;
        var decoded = Decode(model, style);
        var inputs = x.data<float>();
        var pixels = side * side;
        var grid = new float[n * (c + 1) * pixels];
        for (var row = 0; row < n; row++)
        {
            inputs.AsSpan(row * pixels, pixels).CopyTo(grid.AsSpan(row * (c + 1) * pixels));
            decoded.AsSpan(row * c * pixels, c * pixels).CopyTo(grid.AsSpan((row * (c + 1) + 1) * pixels));
        }
        written.Add(RunPictures.Save(ImageGrid.Tile(grid, side, side, n, c + 1), folder, "analogies"));
        return written;
    }

    // Decoded means of every z (rows) with every class (columns), row-major: (rows x classes) images.
    private static float[] Decode(Vae model, Tensor z)
    {
        var (rows, c) = (z.size(0), (long)model.Classes);
        var zs = z.unsqueeze(1).expand(rows, c, model.Latent);
        var ys = Torch.eye(c, device: model.Device).unsqueeze(0).expand(rows, c, c);
        var input = Torch.cat([zs, ys], 2).reshape(rows * c, model.Latent + c);
        return model.Decoder.forward(input).sigmoid().data<float>();
    }
}
