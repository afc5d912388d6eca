namespace VaeSweep.Core.Data;

/// <summary>
/// A deterministic generator for data order and binarisation noise: xoshiro256** (Blackman and Vigna 2018)
/// seeded through SplitMix64 from (seed, epoch, stream). System.Random is not used because its algorithm is
/// not guaranteed across runtimes, and a resumed run must see exactly the batches it would have seen.
/// Keying by (seed, epoch, stream) rather than carrying state means any epoch or example can be regenerated
/// on its own, in any order.
/// </summary>
public struct DataRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public DataRandom(long seed, long epoch, ulong stream)
    {
        // Each key part goes through a full SplitMix64 round so nearby seeds, epochs and streams give
        // unrelated states.
        ulong x = SplitMix((ulong)seed ^ 0x6A09E667F3BCC909UL);
        x = SplitMix(x ^ ((ulong)epoch * 0x9E3779B97F4A7C15UL));
        x = SplitMix(x ^ (stream * 0xD1B54A32D192ED03UL));
        _s0 = Next(ref x);
        _s1 = Next(ref x);
        _s2 = Next(ref x);
        _s3 = Next(ref x);
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n), without modulo bias (Lemire's multiply-and-reject).</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ulong bound = (ulong)n;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            UInt128 product = (UInt128)NextUInt64() * bound;
            if ((ulong)product >= threshold)
                return (int)(ulong)(product >> 64);
        }
    }

    /// <summary>
    /// The order in which epoch <paramref name="epoch"/> visits <paramref name="n"/> examples: a Fisher–Yates
    /// permutation that depends only on (seed, epoch, n), so a resumed run replays the same batches.
    /// </summary>
    public static int[] EpochOrder(long seed, int epoch, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var random = new DataRandom(seed, epoch, ShuffleStream);
        for (int i = n - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    // Stream numbers below 2^32 are left to callers; binarisation uses (split tag << 32) | example.
    private const ulong ShuffleStream = 0x5348554646UL << 24;

    private static ulong Next(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return SplitMix(x);
    }

    private static ulong SplitMix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
