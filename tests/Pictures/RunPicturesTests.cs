using System.Xml.Linq;
using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Models;
using VaeSweep.Core.Pictures;
using VaeSweep.Core.Tensors;
using VaeSweep.Tests.Data;

namespace VaeSweep.Tests.Pictures;

/// <summary>The pictures a run writes, from a small untrained model on made-up 4x4 images.</summary>
public sealed class RunPicturesTests
{
    private const int Side = 4, Count = 30;

    [Theory]
    [InlineData(2, "z1 (posterior mean)", true)]
    [InlineData(5, "principal axis 1 of the 5-D posterior means", false)]
    public void A_run_records_every_picture_and_the_embedding_in_both_formats(int latent, string xName, bool grid)
    {
        using var folder = new TempFolder();
        using var g = new Generator(7);
        using var model = new Vae(new ModelConfig { Latent = latent, Encoder = [8], Decoder = [8] }, Side * Side, g, Device.Cpu);
        var pixels = Enumerable.Range(0, Count * Side * Side).Select(i => (float)(i * 7 % 11 > 5 ? 1 : 0)).ToArray();
        var test = new DataSplit("test", pixels, Enumerable.Range(0, Count).Select(i => (byte)(i % 10)).ToArray(), Side * Side);
        using var batch = Torch.tensor(pixels, [Count, Side * Side]);

        var written = RunPictures.Write(model, test, batch, Side, folder.Path, seed: 1);

        string[] kinds = ["prior-samples", "reconstructions", "latent-embedding", "latent-embedding", .. grid ? ["latent-grid"] : Array.Empty<string>()];
        Assert.Equal(kinds, written.Select(w => w.Kind));
        Assert.All(written, w => Assert.True(File.Exists(w.Path), w.Path));
        var embedding = written.Where(w => w.Kind == "latent-embedding").Select(w => Path.GetFileName(w.Path));
        Assert.Equal(["latent-embedding.svg", "latent-embedding.png"], embedding);
        var svg = XDocument.Load(written[2].Path);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(test.Labels.Select(l => Palette.Hex(l)), svg.Descendants(ns + "circle").Select(c => (string)c.Attribute("fill")!));
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == xName);
    }

    [Fact]
    public void An_m2_run_draws_class_samples_and_analogies_one_column_per_class()
    {
        using var folder = new TempFolder();
        using var g = new Generator(7);
        using var model = new Vae(new ModelConfig { Latent = 3, Encoder = [8], Decoder = [8] }, Side * Side, g, Device.Cpu, classes: 4);
        var pixels = Enumerable.Range(0, Count * Side * Side).Select(i => (float)(i * 7 % 11 > 5 ? 1 : 0)).ToArray();
        var test = new DataSplit("test", pixels, Enumerable.Range(0, Count).Select(i => (byte)(i % 4)).ToArray(), Side * Side);
        using var batch = Torch.tensor(pixels, [Count, Side * Side]);

        var written = RunPictures.Write(model, test, batch, Side, folder.Path, seed: 1);

        Assert.Equal(["class-samples", "analogies"], written.Select(w => w.Kind));
        // 8 rows; 4 class columns, and the analogies' input column first; 1-pixel gaps between the 4x4 cells.
        Assert.Equal((4 * 5 - 1, 8 * 5 - 1), PngSize(written[0].Path));
        Assert.Equal((5 * 5 - 1, 8 * 5 - 1), PngSize(written[1].Path));
    }

    // Width and height from the PNG's IHDR chunk.
    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)),
            System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
