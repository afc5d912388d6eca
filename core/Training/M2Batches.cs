using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Training;

/// <summary>
/// An M2 run's training split cut into its labelled examples (Data.LabelledSubset) and the unlabelled rest, and the
/// pair of batches of each step. An epoch is one pass over the unlabelled examples in batches of training.batch_size
/// (over the labelled ones when every example is labelled); each step also takes min(batch_size, data.labelled)
/// labelled examples from a cyclic pass over them, so small labelled sets are revisited many times an epoch. Both
/// orders derive from (seed, epoch) alone, so a resumed run replays the same batches.
/// </summary>
public sealed class M2Batches
{
    private readonly BatchSource labelled;
    private readonly BatchSource? unlabelled;
    private readonly int[] classIndex;
    private readonly int classes;
    private readonly long seed;
    private readonly Device device;

    public M2Batches(DataSplit train, RunConfig config, bool isBinary, Device device)
    {
        var classList = LabelledSubset.Classes(config.Data);
        classes = classList.Length;
        var picked = LabelledSubset.Indices(train, classList, config.Data.Labelled);
        var isLabelled = new bool[train.Count];
        foreach (var i in picked) isLabelled[i] = true;
        var rest = Enumerable.Range(0, train.Count).Where(i => !isLabelled[i]).ToArray();
        // Own split names, so the two parts draw binarisation noise of their own.
        var labelledSplit = train.Select("train-labelled", picked);
        classIndex = labelledSplit.Labels.Select(label => LabelledSubset.IndexOf(classList, label)).ToArray();
        var binarizer = Binarizer.For(config.Data, config.Seed, isBinary);
        var batchSize = config.Training.BatchSize;
        labelled = new BatchSource(labelledSplit, binarizer, Math.Min(batchSize, picked.Length), device);
        if (rest.Length > 0) unlabelled = new BatchSource(train.Select("train-unlabelled", rest), binarizer, batchSize, device);
        Weights = ((double)picked.Length / train.Count, (double)rest.Length / train.Count);
        seed = config.Seed;
        this.device = device;
        StepCount = unlabelled?.BatchCount ?? labelled.BatchCount;
    }

    /// <summary>N_l/N and N_u/N: the weights of the two bounds in the per-example objective.</summary>
    public (double Labelled, double Unlabelled) Weights { get; }

    public int StepCount { get; }

    /// <summary>Epoch <paramref name="epoch"/>'s orders: the unlabelled examples', and the labelled examples' repeated
    /// (a fresh shuffle each cycle) until every step has its labelled batch.</summary>
    public (int[]? Unlabelled, int[] Labelled) Orders(int epoch)
    {
        var need = StepCount * labelled.BatchSize;
        var n = labelled.Split.Count;
        var order = new int[need];
        for (var cycle = 0; cycle * n < need; cycle++)
        {
            // Cycle 0 of epoch e uses stream (e, 0); streams of different (epoch, cycle) never coincide.
            var shuffled = DataRandom.EpochOrder(seed ^ LabelledStream, epoch * 1_000_003 + cycle, n);
            shuffled.AsSpan(0, Math.Min(n, need - cycle * n)).CopyTo(order.AsSpan(cycle * n));
        }
        return (unlabelled is null ? null : DataRandom.EpochOrder(seed, epoch, unlabelled.Split.Count), order);
    }

    // Keeps the labelled shuffles apart from the unlabelled one of the same seed.
    private const long LabelledStream = 0x4C4142454CL;

    /// <summary>Step <paramref name="step"/>'s batches: labelled x and its labels one-hot, and unlabelled x (null
    /// when every example is labelled). Tensors in the current dispose scope.</summary>
    public (Tensor X, Tensor Labels, Tensor? Unlabelled) Step((int[]? Unlabelled, int[] Labelled) orders, int step, int epoch)
    {
        var x = labelled.Batch(orders.Labelled, step, epoch);
        var size = labelled.BatchSize;
        var indices = orders.Labelled.AsSpan(step * size, (int)x.size(0)).ToArray().Select(i => classIndex[i]).ToArray();
        var u = orders.Unlabelled is null ? null : unlabelled!.Batch(orders.Unlabelled, step, epoch);
        return (x, M2Objective.OneHot(indices, classes, device), u);
    }
}
