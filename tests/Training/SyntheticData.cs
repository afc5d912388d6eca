using VaeSweep.Core.Data;

namespace VaeSweep.Tests.Training;

/// <summary>A small grey-level data set (4 x 6 pixels; 28 x 28 for convolutional models) whose binarisation is random,
/// for fast training tests.</summary>
public static class SyntheticData
{
    /// <param name="labelled">Label each example by its kind (1 bright, 0 dark), for M2; else every label is 0.</param>
    public static DataBundle Bundle(int train = 300, int validation = 50, int test = 100, int seed = 3, int width = 4, int height = 6,
        bool labelled = false)
    {
        var dim = width * height;
        DataSplit Split(string name, int n, int s)
        {
            var random = new Random(s);
            var pixels = new float[n * dim];
            var labels = new byte[n];
            for (var i = 0; i < n; i++)
            {
                var bright = random.Next(2) == 1;
                if (labelled && bright) labels[i] = 1;
                for (var j = 0; j < dim; j++)
                    pixels[i * dim + j] = (float)(bright == (j % 3 == 0) ? 0.8 + 0.2 * random.NextDouble() : 0.2 * random.NextDouble());
            }
            return new DataSplit(name, pixels, labels, dim);
        }
        return new DataBundle("synthetic", Split("train", train, seed), Split("validation", validation, seed + 1),
            Split("test", test, seed + 2), width, height, IsBinary: false);
    }
}
