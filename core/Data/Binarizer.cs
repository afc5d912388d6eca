using VaeSweep.Core.Config;

namespace VaeSweep.Core.Data;

/// <summary>
/// Turns grey-level pixels into the 0/1 data a Bernoulli decoder models, as DataConfig.Binarize says:
/// dynamic (a fresh Bernoulli draw per epoch, Salakhutdinov and Murray 2008, as in the IWAE paper), fixed (one
/// draw, the same every epoch), threshold (x &gt; Threshold), or none (grey levels kept). A data set that is
/// already binary passes through unchanged whatever the mode.
/// </summary>
public sealed class Binarizer
{
    // The epoch key of the fixed binarisation: one draw, never confused with a real epoch (which is >= 0).
    private const long FixedEpoch = -1;

    private readonly long _seed;
    private readonly float _threshold;

    public Binarizer(Binarization mode, double threshold, long seed, bool alreadyBinary)
    {
        if (mode == Binarization.Threshold && !(threshold >= 0 && threshold < 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must lie in [0, 1)");
        Mode = alreadyBinary ? Binarization.None : mode;
        _threshold = (float)threshold;
        _seed = seed;
    }

    /// <summary>For held-out data (validation, test): binarised once and for all, so every epoch is measured on the
    /// same bits; a dynamic binarisation becomes a fixed one, other modes are kept. The bits follow
    /// <paramref name="seed"/>: validation uses the run's seed, the test evaluation a shared one
    /// (Evaluation.TestPoints), so that every run is measured on the same test bits.</summary>
    public static Binarizer HeldOut(DataConfig config, long seed, bool alreadyBinary) =>
        new(config.Binarize == Binarization.Dynamic ? Binarization.Fixed : config.Binarize, config.Threshold, seed, alreadyBinary);

    public static Binarizer For(DataConfig config, long seed, bool alreadyBinary) =>
        new(config.Binarize, config.Threshold, seed, alreadyBinary);

    /// <summary>The mode in force: None for a data set that is already binary.</summary>
    public Binarization Mode { get; }

    /// <summary>
    /// Copies the examples at <paramref name="indices"/> of <paramref name="split"/> into
    /// <paramref name="dest"/> (row-major, indices.Length x Dim), binarised for <paramref name="epoch"/>.
    /// The noise of an example depends only on (seed, epoch, split, example index), never on which batch it
    /// sits in, so a resumed run or a different batch size sees the same pixels.
    /// </summary>
    public void FillBatch(DataSplit split, ReadOnlySpan<int> indices, int epoch, Span<float> dest)
    {
        int dim = split.Dim;
        if (dest.Length < indices.Length * dim)
            throw new ArgumentException($"dest holds {dest.Length} floats but the batch needs {indices.Length * dim}", nameof(dest));
        uint tag = SplitTag(split.Name);
        for (int i = 0; i < indices.Length; i++)
        {
            int index = indices[i];
            if ((uint)index >= (uint)split.Count)
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"split '{split.Name}' has {split.Count} examples");
            ReadOnlySpan<float> source = split.Row(index);
            Span<float> target = dest.Slice(i * dim, dim);
            switch (Mode)
            {
                case Binarization.None:
                    source.CopyTo(target);
                    break;
                case Binarization.Threshold:
                    for (int p = 0; p < dim; p++) target[p] = source[p] > _threshold ? 1f : 0f;
                    break;
                case Binarization.Dynamic:
                    Sample(source, target, new DataRandom(_seed, epoch, Stream(tag, index)));
                    break;
                case Binarization.Fixed:
                    Sample(source, target, new DataRandom(_seed, FixedEpoch, Stream(tag, index)));
                    break;
            }
        }
    }

    // Bernoulli(p) per pixel: 1 when a uniform draw u in [0, 1) falls below p, so p = 0 never fires and p = 1
    // always does. One 64-bit draw gives two 24-bit uniforms, the resolution of a float in [0, 1).
    private static void Sample(ReadOnlySpan<float> p, Span<float> target, DataRandom random)
    {
        const float scale = 1f / (1 << 24);
        int n = p.Length;
        int i = 0;
        for (; i + 1 < n; i += 2)
        {
            ulong bits = random.NextUInt64();
            target[i] = (bits >> 40) * scale < p[i] ? 1f : 0f;
            target[i + 1] = ((bits >> 16) & 0xFFFFFF) * scale < p[i + 1] ? 1f : 0f;
        }
        if (i < n)
            target[i] = (random.NextUInt64() >> 40) * scale < p[i] ? 1f : 0f;
    }

    private static ulong Stream(uint tag, int index) => ((ulong)tag << 32) | (uint)index;

    // FNV-1a of the split name, so train example 5 and test example 5 get unrelated noise.
    private static uint SplitTag(string name)
    {
        uint hash = 2166136261;
        foreach (char c in name)
        {
            hash ^= c;
            hash *= 16777619;
        }
        return hash;
    }
}
