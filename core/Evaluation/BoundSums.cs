using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;

namespace VaeSweep.Core.Evaluation;

/// <summary>
/// What every test evaluation shares: the k of each reported bound (evaluation.ks below evaluation.k, and k itself),
/// the test points in batches small enough that points x samples per chunk stay within evaluation.chunk_size, and
/// the running sums of each bound over the points, with each point's value at the full k.
/// </summary>
internal sealed class BoundSums
{
    private readonly double[] sums;
    private readonly double[] squares;

    public BoundSums(EvaluationConfig e)
    {
        Ks = e.Ks.Where(k => k < e.K).Append(e.K).Distinct().Order().ToArray();
        SamplesPerChunk = Math.Min(e.K, e.ChunkSize);
        PointsPerBatch = Math.Max(1, e.ChunkSize / SamplesPerChunk);
        sums = new double[Ks.Length];
        squares = new double[Ks.Length];
    }

    /// <summary>The k of each bound, ascending; the last is evaluation.k.</summary>
    public int[] Ks { get; }
    public int SamplesPerChunk { get; }
    public int PointsPerBatch { get; }
    /// <summary>Each point's bound at the full k, in test-set order.</summary>
    public List<double> PerPoint { get; } = [];

    /// <summary>The test split in batches of <see cref="PointsPerBatch"/>, on the bits every run is measured on.</summary>
    public BatchSource Batches(DataConfig data, DataSplit test, bool isBinary, Device device) =>
        new(test, TestPoints.Binarizer(data, isBinary), PointsPerBatch, device);

    /// <summary>Adds a batch's bound at <c>Ks[i]</c>, one value per point.</summary>
    public void Add(int i, double[] bound)
    {
        foreach (var v in bound)
        {
            sums[i] += v;
            squares[i] += v * v;
        }
        if (i == Ks.Length - 1) PerPoint.AddRange(bound);
    }

    /// <summary>Each bound's mean over the <paramref name="n"/> points, with its standard error.</summary>
    public IReadOnlyList<BoundRecord> Records(int n) =>
        Ks.Select((k, i) => new BoundRecord(k, sums[i] / n, Evaluator.StandardError(sums[i], squares[i], n))).ToList();
}
