using System.Globalization;
using System.Text;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Storage;

// What one store holds of one run, reduced to what a merge decides on. Two stores agree on a run when their
// Results are equal: the same state, reason, epochs, evaluation, bounds and checkpoint hashes. Wall-clock fields
// (times, seconds, samples/s, attempts) are left out, because two copies of one bit-exact result differ in them.
internal sealed record RunContent(RunKey RunKey, string ConfigJson, RunState State, bool Touched, string Results,
    IReadOnlyList<string> EpochLines, IReadOnlyDictionary<int, string> CheckpointHashes, string Source)
{
    // A run that is pending and has recorded nothing says only "planned": any other copy may replace it.
    public static RunContent Read(Store store, RunRow run)
    {
        var epochs = store.Epochs(run.RunKey);
        var checkpoints = store.Checkpoints(run.RunKey);
        var evaluation = store.Evaluation(run.RunKey);
        var bounds = store.Bounds(run.RunKey);
        // A merged run held by a dead task's lease becomes pending (see Store.CopyRuns), so it is compared as such.
        var state = run.State == RunState.Running ? RunState.Pending : run.State;
        var lines = epochs.OrderBy(e => e.Epoch).Select(e => string.Create(CultureInfo.InvariantCulture,
            $"e{e.Epoch}:{e.K}:{N(e.Beta)}:{N(e.Lr)}:{N(e.TrainLoss)}:{N(e.TrainElbo)}:{N(e.TrainRecon)}:" +
            $"{N(e.TrainKl)}:{N(e.ValidElbo)}:{e.ActiveUnits}:{N(e.ClassifierAccuracy)}|")).ToList();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{state.ToSql()}|{run.Reason}|");
        foreach (var line in lines) text.Append(line);
        if (evaluation is { } v)
            text.Append(CultureInfo.InvariantCulture,
                $"v{v.K}:{N(v.LogLikelihood)}:{N(v.LogLikelihoodSe)}:{N(v.Elbo)}:{N(v.Recon)}:{N(v.Kl)}:" +
                $"{v.ActiveUnits}:{v.NTest}:{N(v.ClassifierAccuracy)}|");
        foreach (var b in bounds) text.Append(CultureInfo.InvariantCulture, $"b{b.K}:{N(b.Value)}:{N(b.Se)}|");
        foreach (var c in checkpoints.OrderBy(c => c.Epoch)) text.Append(CultureInfo.InvariantCulture, $"c{c.Epoch}:{c.Size}:{c.Sha256}|");
        var touched = run.State != RunState.Pending || epochs.Count > 0 || checkpoints.Count > 0;
        return new RunContent(run.RunKey, run.ConfigJson, state, touched, text.ToString(), lines,
            checkpoints.ToDictionary(c => c.Epoch, c => c.Sha256), store.Path);
    }

    /// <summary>
    /// Whether this copy continues <paramref name="other"/> and went further: the other stopped short (pending or
    /// evaluating: given back by a signalled task, or extracted into a part and resumed there), its epochs up to its
    /// newest checkpoint (where a resume starts) begin this copy's unchanged, every checkpoint both still record
    /// has the same hash (the trainer prunes older ones, so the other's may be gone here), and this copy has more
    /// epochs or a later state. Epochs after the other's newest checkpoint may differ: resuming discards and
    /// recomputes them (equal bit for bit on the CPU, not necessarily on a GPU).
    /// </summary>
    public bool Continues(RunContent other)
    {
        if (other.State is not (RunState.Pending or RunState.Evaluating)) return false;
        var resumedAfter = other.CheckpointHashes.Count == 0 ? 0 : other.CheckpointHashes.Keys.Max();
        var shared = other.EpochLines.Take(resumedAfter).ToList();
        if (shared.Count > EpochLines.Count || !shared.SequenceEqual(EpochLines.Take(shared.Count))) return false;
        if (other.CheckpointHashes.Any(c => CheckpointHashes.TryGetValue(c.Key, out var hash) && hash != c.Value)) return false;
        return (Rank(State), EpochLines.Count).CompareTo((Rank(other.State), other.EpochLines.Count)) > 0;
    }

    public string Describe() => $"{Source} has it {State.ToSql()} with {EpochLines.Count} epoch(s)";

    // Pending, then evaluating, then any end.
    private static int Rank(RunState state) => state switch { RunState.Pending => 0, RunState.Evaluating => 1, _ => 2 };

    // "R" keeps every bit of a double, so equal text means equal numbers (NaN included).
    private static string N(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";
}
