using VaeSweep.Core.Config;

namespace VaeSweep.Core.Data;

/// <summary>Where each data set lives when DataConfig.Path is not given, and the names of its files.</summary>
public static class DataPaths
{
    /// <summary>Fashion-MNIST as installed on the project's machines; used when it exists.</summary>
    public const string SystemFashionMnist = "/usr/share/datasets/fashion-mnist";

    public static string Name(DatasetKind kind) => kind switch
    {
        DatasetKind.MnistSample => "mnist-sample",
        DatasetKind.Mnist => "mnist",
        DatasetKind.FashionMnist => "fashion-mnist",
        DatasetKind.BinarizedMnist => "binarized-mnist",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// The folder of a data set: DataConfig.Path when set (relative paths are taken from
    /// <paramref name="root"/>), else root/.data/NAME, except that Fashion-MNIST prefers the system copy.
    /// </summary>
    public static string Folder(DataConfig config, string root)
    {
        if (config.Path is { Length: > 0 } path)
            return Path.GetFullPath(path, Path.GetFullPath(root));
        string local = Path.Combine(root, ".data", Name(config.Dataset));
        if (config.Dataset == DatasetKind.FashionMnist && !Directory.Exists(local) && Directory.Exists(SystemFashionMnist))
            return SystemFashionMnist;
        return local;
    }

    /// <summary>Refuses a data folder that is a file or does not exist, naming it, before any file in it is looked
    /// for (a file path would otherwise be reported as a folder missing its data files).</summary>
    public static void RequireFolder(string folder, DataConfig config, string name)
    {
        var fix = config.Path is not null ? $"set data.path to the folder that holds the {name} files"
            : config.Dataset is DatasetKind.Mnist or DatasetKind.BinarizedMnist ? $"fetch the data set (vaesweep fetch {name}) or set data.path"
            : "set data.path to the folder that holds its files";
        if (File.Exists(folder))
            throw new DataException($"{folder}: data.path names a file, not a folder; {fix}");
        // The embedded sample is written into its folder on first use, so only the other data sets must exist.
        if (config.Dataset != DatasetKind.MnistSample && !Directory.Exists(folder))
            throw new DataException($"{folder}: no such folder; {fix}");
    }

    /// <summary>The IDX file for (train or t10k, images or labels): the .gz name if present, else the plain one.</summary>
    public static string IdxFile(string folder, bool train, bool images)
    {
        string name = $"{(train ? "train" : "t10k")}-{(images ? "images-idx3" : "labels-idx1")}-ubyte";
        string gz = Path.Combine(folder, name + ".gz");
        string plain = Path.Combine(folder, name);
        if (File.Exists(gz)) return gz;
        if (File.Exists(plain)) return plain;
        throw new DataException($"{gz}: file not found (nor {name} unzipped); fetch the data set or set data.path");
    }

    public static string AmatFile(string folder, string split) =>
        Path.Combine(folder, $"binarized_mnist_{split}.amat");
}
