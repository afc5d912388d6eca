using VaeSweep.Core.Pictures;

namespace VaeSweep.Tests.Pictures;

public sealed class PngWriterTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(300, 200)]
    public void Greyscale_pixels_survive_a_round_trip(int width, int height)
    {
        byte[] pixels = Enumerable.Range(0, width * height).Select(i => (byte)(i * 31 % 256)).ToArray();
        using var output = new MemoryStream();

        PngWriter.WriteGrey(output, width, height, pixels);

        var png = PngTestReader.Read(output.ToArray());
        Assert.Equal((width, height, 0), (png.Width, png.Height, png.ColourType));
        Assert.Equal(pixels, png.Pixels);
        Assert.Equal(["IHDR", "IDAT", "IEND"], png.Chunks);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 4)]
    public void Rgb_pixels_survive_a_round_trip(int width, int height)
    {
        byte[] pixels = Enumerable.Range(0, 3 * width * height).Select(i => (byte)(i * 17 % 251)).ToArray();
        using var output = new MemoryStream();

        PngWriter.WriteRgb(output, width, height, pixels);

        var png = PngTestReader.Read(output.ToArray());
        Assert.Equal((width, height, 2), (png.Width, png.Height, png.ColourType));
        Assert.Equal(pixels, png.Pixels);
    }

    [Theory]
    [InlineData("IEND", 0xAE426082u)]     // the CRC every PNG file ends with
    [InlineData("123456789", 0xCBF43926u)] // the standard CRC-32 check value
    [InlineData("", 0x00000000u)]
    // PNG needs CRC-32/ISO-HDLC; System.IO.Hashing has several CRCs, so pin the one the writer uses.
    public void Crc32_matches_published_values(string text, uint expected)
    {
        Assert.Equal(expected, System.IO.Hashing.Crc32.HashToUInt32(System.Text.Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void The_file_ends_with_the_known_iend_chunk()
    {
        using var output = new MemoryStream();
        PngWriter.WriteGrey(output, 2, 2, [0, 1, 2, 3]);

        byte[] end = output.ToArray()[^12..];

        Assert.Equal(new byte[] { 0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82 }, end);
    }

    [Theory]
    [InlineData(2, 2, 3)]
    [InlineData(2, 2, 5)]
    [InlineData(0, 2, 0)]
    public void Mismatched_sizes_are_refused(int width, int height, int bytes)
    {
        Assert.ThrowsAny<ArgumentException>(() => PngWriter.WriteGrey(new MemoryStream(), width, height, new byte[bytes]));
    }

    [Fact]
    public void Saving_to_a_path_creates_the_folder_and_a_readable_file()
    {
        string folder = Path.Combine(Path.GetTempPath(), "vaesweep-png-" + Guid.NewGuid().ToString("N"));
        try
        {
            string path = Path.Combine(folder, "pictures", "grid.png");
            var image = new GreyImage(3, 2, fill: 77);

            image.SavePng(path);

            Assert.All(PngTestReader.Read(File.ReadAllBytes(path)).Pixels, p => Assert.Equal(77, p));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
