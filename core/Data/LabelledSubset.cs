using VaeSweep.Core.Config;

namespace VaeSweep.Core.Data;

/// <summary>
/// The labelled examples of a semi-supervised run (objective.kind: m2): data.labelled examples of the training split,
/// taken round-robin over the classes so that each class gets an equal share where it has the examples (a class
/// that runs out leaves its share to the others). Within a class the examples come in one fixed shuffled order,
/// independent of the run's seed, so runs that differ only in seed see the same labels, and a smaller labelled set is
/// a subset of every larger one: accuracy against the number of labels compares nested sets.
/// </summary>
public static class LabelledSubset
{
    // The shuffle's key: a constant, not the run's seed (see above).
    private const long ShuffleSeed = 0x4D32;

    /// <summary>The classes a run's classifier tells apart, in the order of its outputs (<see cref="DataConfig.LabelClasses"/>).</summary>
    public static byte[] Classes(DataConfig data) => data.LabelClasses().Select(c => (byte)c).ToArray();

    /// <summary>Indices into <paramref name="train"/> of the <paramref name="count"/> labelled examples, in the order
    /// they were picked. Throws DataException when the split has fewer examples or an unknown label.</summary>
    public static int[] Indices(DataSplit train, IReadOnlyList<byte> classes, int count)
    {
        if (count > train.Count)
            throw new DataException($"data.labelled is {count} but the training split has only {train.Count} examples; lower data.labelled (or raise data.train_limit)");
        if (train.Labels.Contains(DataSplit.UnknownLabel))
            throw new DataException("objective.kind: m2 needs labels, and this data set's training split has none");
        var byClass = classes.Select(_ => new Queue<int>()).ToArray();
        foreach (var i in DataRandom.EpochOrder(ShuffleSeed, 0, train.Count))
        {
            var c = IndexOf(classes, train.Labels[i]);
            if (c < 0) throw new DataException($"training example {i} has label {train.Labels[i]}, which is not among the classes {string.Join(", ", classes)}");
            byClass[c].Enqueue(i);
        }
        var picked = new List<int>(count);
        while (picked.Count < count)
            foreach (var queue in byClass)
                if (picked.Count < count && queue.Count > 0) picked.Add(queue.Dequeue());
        return picked.ToArray();
    }

    /// <summary>The position of <paramref name="label"/> among <paramref name="classes"/>, -1 if absent.</summary>
    public static int IndexOf(IReadOnlyList<byte> classes, byte label)
    {
        for (var c = 0; c < classes.Count; c++)
            if (classes[c] == label) return c;
        return -1;
    }
}
