using VaeSweep.Core.Config;

namespace VaeSweep.Core.Data;

/// <summary>
/// Loads the data set a DataConfig names and shapes it into train, validation and test splits.
/// Order of operations: read the raw train and test splits; keep only DataConfig.Classes (when given); carve
/// the last DataConfig.Validation training examples off as the validation split; then cap train at TrainLimit
/// and test at TestLimit (first examples kept). Every step is deterministic, so two runs of one config see the
/// same examples.
/// </summary>
public static class DataLoader
{
    private const int Side = 28;

    /// <param name="root">The repository (or data) root that relative paths and root/.data are taken from.</param>
    public static DataBundle Load(DataConfig config, string root)
    {
        string folder = DataPaths.Folder(config, root);
        string name = DataPaths.Name(config.Dataset);
        DataPaths.RequireFolder(folder, config, name);
        var (train, validation, test, binary) = config.Dataset switch
        {
            DatasetKind.MnistSample => FromSample(folder),
            DatasetKind.Mnist or DatasetKind.FashionMnist => FromIdx(folder),
            DatasetKind.BinarizedMnist => FromAmat(folder),
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Dataset, null),
        };

        if (config.Classes.Count > 0)
        {
            if (config.Dataset == DatasetKind.BinarizedMnist)
                throw new DataException($"{folder}: {name} has no labels, so data.classes cannot select a class subset");
            var keep = CheckClasses(config.Classes, name);
            train = KeepClasses(train, keep);
            test = KeepClasses(test, keep);
        }

        if (config.Validation < 0 || config.TrainLimit < 0 || config.TestLimit < 0)
            throw new DataException($"{name}: data.validation, data.train_limit and data.test_limit must not be negative");
        if (validation is null)
        {
            if (config.Validation >= train.Count)
                throw new DataException(
                    $"{folder}: data.validation is {config.Validation} but {name} has only {train.Count} training examples{ClassNote(config)}");
            validation = train.Range("validation", train.Count - config.Validation, config.Validation);
            train = train.Range("train", 0, train.Count - config.Validation);
        }
        else if (config.Validation < validation.Count)
        {
            validation = validation.Range("validation", 0, config.Validation);
        }

        if (config.TrainLimit > 0 && config.TrainLimit < train.Count)
            train = train.Range("train", 0, config.TrainLimit);
        if (config.TestLimit > 0 && config.TestLimit < test.Count)
            test = test.Range("test", 0, config.TestLimit);
        return new DataBundle(name, train, validation, test, Side, Side, binary);
    }

    private static (DataSplit, DataSplit?, DataSplit, bool) FromSample(string folder)
    {
        var (train, test, height, width) = MnistSample.Load(folder);
        CheckShape(Path.Combine(folder, MnistSample.CacheFileName), height, width);
        return (train, null, test, false);
    }

    private static (DataSplit, DataSplit?, DataSplit, bool) FromIdx(string folder) =>
        (ReadIdx(folder, train: true, "train"), null, ReadIdx(folder, train: false, "test"), false);

    private static DataSplit ReadIdx(string folder, bool train, string splitName)
    {
        string imagesPath = DataPaths.IdxFile(folder, train, images: true);
        string labelsPath = DataPaths.IdxFile(folder, train, images: false);
        var (pixels, count, rows, cols) = IdxReader.ReadImages(imagesPath);
        CheckShape(imagesPath, rows, cols);
        byte[] labels = IdxReader.ReadLabels(labelsPath);
        if (labels.Length != count)
            throw new DataException($"{labelsPath}: label/image count mismatch: {labels.Length} labels for {count} images in {imagesPath}");
        return new DataSplit(splitName, pixels, labels, rows * cols);
    }

    // Binarised MNIST ships its own validation file (the standard 50,000/10,000/10,000 protocol), so that file
    // is the validation split (its first data.validation examples) instead of a tail carved off train.
    private static (DataSplit, DataSplit?, DataSplit, bool) FromAmat(string folder) =>
        (ReadAmat(folder, "train", "train"), ReadAmat(folder, "valid", "validation"), ReadAmat(folder, "test", "test"), true);

    private static DataSplit ReadAmat(string folder, string fileSplit, string splitName)
    {
        var (pixels, count) = AmatReader.Read(DataPaths.AmatFile(folder, fileSplit), Side * Side);
        var labels = new byte[count];
        Array.Fill(labels, DataSplit.UnknownLabel);
        return new DataSplit(splitName, pixels, labels, Side * Side);
    }

    private static void CheckShape(string path, int rows, int cols)
    {
        if (rows != Side || cols != Side)
            throw new DataException($"{path}: wrong dimensions: images are {rows}x{cols}, expected {Side}x{Side}");
    }

    private static bool[] CheckClasses(IReadOnlyList<int> classes, string name)
    {
        var keep = new bool[256];
        foreach (int c in classes)
        {
            if (c < 0 || c > 9)
                throw new DataException($"{name}: data.classes contains {c}; classes are 0..9");
            keep[c] = true;
        }
        return keep;
    }

    private static DataSplit KeepClasses(DataSplit split, bool[] keep)
    {
        var indices = new List<int>(split.Count);
        for (int i = 0; i < split.Count; i++)
            if (keep[split.Labels[i]]) indices.Add(i);
        return split.Select(split.Name, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(indices));
    }

    private static string ClassNote(DataConfig config) =>
        config.Classes.Count > 0 ? $" in classes [{string.Join(", ", config.Classes)}]" : "";
}
