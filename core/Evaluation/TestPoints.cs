using System.Globalization;
using VaeSweep.Core.Config;
using VaeSweep.Core.Data;

namespace VaeSweep.Core.Evaluation;

/// <summary>
/// The test points every evaluation is measured on, and the importance samples drawn for them, shared by every
/// run on the same data: the binarisation is keyed by the data set and a fixed evaluation seed, never the run's
/// seed, and the standard-normal draws come from one fixed generator seed (common random numbers). Two runs'
/// per-point log-likelihoods then differ only through their models, so a per-point paired difference removes
/// the test-set sampling noise that two independent means carry.
/// The seeds are constants rather than a setting: a setting would be part of every run's identity, and one that
/// could differ between runs would defeat its purpose. Changing either constant changes what every stored
/// per-point value means, so <see cref="Scheme"/> names it and comparisons pair only equal names.
/// </summary>
public static class TestPoints
{
    /// <summary>Seed of the shared held-out binarisation (mixed with the data set's name).</summary>
    public const long BinarizationSeed = 0x7E57_B175;

    /// <summary>Seed of the importance samples' standard-normal draws, the same for every run.</summary>
    public const ulong NoiseSeed = 0x5EED_E7A1UL;

    /// <summary>Version of the scheme above; part of <see cref="Identity"/>.</summary>
    public const string Scheme = "shared-v1";

    /// <summary>The binariser of the test points for <paramref name="data"/>: the same for every run.</summary>
    public static Binarizer Binarizer(DataConfig data, bool alreadyBinary) =>
        Data.Binarizer.HeldOut(data, Seed(data), alreadyBinary);

    /// <summary>
    /// Names the test points and their bits: data set, class subset, count, binarisation and scheme. Two runs whose
    /// evaluations carry the same identity were measured on the same points in the same order.
    /// </summary>
    public static string Identity(DataConfig data, int count, bool alreadyBinary)
    {
        var mode = alreadyBinary ? "binary" : data.Binarize switch
        {
            Binarization.Threshold => "threshold " + data.Threshold.ToString("R", CultureInfo.InvariantCulture),
            Binarization.None => "none",
            _ => "fixed",
        };
        var classes = data.Classes.Count == 0 ? "all" : string.Join(",", data.Classes);
        return $"{data.Dataset.ToString().ToLowerInvariant()} test, classes {classes}, first {count}, {mode}, {Scheme}";
    }

    // FNV-1a of the data set's name folded into the constant, so two data sets never share a noise stream.
    private static long Seed(DataConfig data)
    {
        ulong hash = 14695981039346656037;
        foreach (var c in data.Dataset.ToString())
        {
            hash ^= c;
            hash *= 1099511628211;
        }
        return unchecked(BinarizationSeed ^ (long)hash);
    }
}
