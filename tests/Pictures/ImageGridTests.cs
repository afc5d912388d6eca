using VaeSweep.Core.Pictures;

namespace VaeSweep.Tests.Pictures;

public sealed class ImageGridTests
{
    // Image i of 2x3 pixels has every value i / 10.
    private static float[] Images(int count) =>
        Enumerable.Range(0, count).SelectMany(i => Enumerable.Repeat(i / 10f, 6)).ToArray();

    [Theory]
    [InlineData(5, 2, 3, 3 * 3 + 2, 2 * 2 + 1)]
    [InlineData(1, 1, 1, 3, 2)]
    [InlineData(4, 4, 1, 3, 4 * 2 + 3)]
    public void Tiles_are_placed_row_by_row_with_a_one_pixel_gap(int count, int rows, int cols, int width, int height)
    {
        var grid = ImageGrid.Tile(Images(count), height: 2, width: 3, rows, cols);

        Assert.Equal((width, height), (grid.Width, grid.Height));
        for (int i = 0; i < count; i++)
        {
            int left = i % cols * 4, top = i / cols * 3;
            Assert.Equal(ImageGrid.Shade(i / 10f), grid[left, top]);
            Assert.Equal(ImageGrid.Shade(i / 10f), grid[left + 2, top + 1]);
        }
        if (cols > 1) Assert.Equal(ImageGrid.GapShade, grid[3, 0]);
        if (rows > 1) Assert.Equal(ImageGrid.GapShade, grid[0, 2]);
    }

    [Fact]
    public void Empty_cells_stay_gap_grey()
    {
        var grid = ImageGrid.Tile(Images(5), 2, 3, rows: 2, cols: 3);

        Assert.Equal(ImageGrid.GapShade, grid[2 * 4 + 1, 3 + 1]);   // cell 5 of 6 is empty
    }

    [Theory]
    [InlineData(0f, 255)]
    [InlineData(1f, 0)]
    [InlineData(0.5f, 127)]
    [InlineData(-3f, 255)]
    [InlineData(7f, 0)]
    [InlineData(float.NaN, 255)]
    public void Values_map_to_dark_ink_on_white(float value, byte expected)
    {
        Assert.Equal(expected, ImageGrid.Shade(value));
    }

    [Fact]
    public void Reconstruction_rows_hold_the_input_then_its_k_reconstructions()
    {
        // Two inputs (values 0.1, 0.2) with k = 2 reconstructions each (0.11, 0.12 and 0.21, 0.22).
        float[] inputs = [.. Enumerable.Repeat(0.1f, 6), .. Enumerable.Repeat(0.2f, 6)];
        float[] recon = new[] { 0.11f, 0.12f, 0.21f, 0.22f }.SelectMany(v => Enumerable.Repeat(v, 6)).ToArray();

        var grid = ImageGrid.Reconstructions(inputs, recon, k: 2, height: 2, width: 3);

        Assert.Equal((3 * 3 + 2, 2 * 2 + 1), (grid.Width, grid.Height));
        float[][] expected = [[0.1f, 0.11f, 0.12f], [0.2f, 0.21f, 0.22f]];
        for (int row = 0; row < 2; row++)
            for (int col = 0; col < 3; col++)
                Assert.Equal(ImageGrid.Shade(expected[row][col]), grid[col * 4 + 1, row * 3 + 1]);
    }

    [Theory]
    [InlineData(7, 1, 1)]    // 7 values are not whole 2x3 images
    [InlineData(12, 1, 1)]   // 2 images do not fit one cell
    public void Bad_shapes_are_refused(int values, int rows, int cols)
    {
        Assert.Throws<ArgumentException>(() => ImageGrid.Tile(new float[values], 2, 3, rows, cols));
    }

    [Fact]
    public void The_grid_round_trips_through_png()
    {
        var grid = ImageGrid.Tile(Images(6), 2, 3, 2, 3);
        using var output = new MemoryStream();

        grid.WritePng(output);

        Assert.Equal(grid.Pixels, PngTestReader.Read(output.ToArray()).Pixels);
    }
}
