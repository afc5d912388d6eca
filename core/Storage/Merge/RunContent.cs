using System.Globalization;
using System.Text;
using VaeSweep.Core.Runs;

namespace VaeSweep.Core.Storage;

// What one store holds of one run, reduced to what a merge decides on. Two stores agree on a run when their
// Results are equal: the same state, reason, epochs, evaluation, bounds and checkpoint hashes. Wall-clock fields
// (times, seconds, samples/s, attempts) are left out, because two copies of one bit-exact result differ in them.
internal sealed record RunContent(string RunKey, string ConfigJson, RunState State, bool Touched, string Results,
    int Epochs, string Source)
{
    // A run that is pending and has recorded nothing says only "planned": any other copy may replace it.
    public static RunContent Read(Store store, RunRow run)
    {
        var epochs = store.Epochs(run.RunKey);
        var checkpoints = store.Checkpoints(run.RunKey);
        var evaluation = store.Evaluation(run.RunKey);
        var bounds = store.Bounds(run.RunKey);
        // A merged run held by a dead task's lease becomes pending (see Store.MergeRuns), so it is compared as such.
        var state = run.State == RunState.Running ? RunState.Pending : run.State;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{state.ToSql()}|{run.Reason}|");
        foreach (var e in epochs)
            text.Append(CultureInfo.InvariantCulture,
                $"e{e.Epoch}:{e.K}:{N(e.Beta)}:{N(e.Lr)}:{N(e.TrainLoss)}:{N(e.TrainElbo)}:{N(e.TrainRecon)}:" +
                $"{N(e.TrainKl)}:{N(e.ValidElbo)}:{e.ActiveUnits}:{N(e.ClassifierAccuracy)}|");
        if (evaluation is { } v)
            text.Append(CultureInfo.InvariantCulture,
                $"v{v.K}:{N(v.LogLikelihood)}:{N(v.LogLikelihoodSe)}:{N(v.Elbo)}:{N(v.Recon)}:{N(v.Kl)}:" +
                $"{v.ActiveUnits}:{v.NTest}:{N(v.ClassifierAccuracy)}|");
        foreach (var b in bounds) text.Append(CultureInfo.InvariantCulture, $"b{b.K}:{N(b.Value)}:{N(b.Se)}|");
        foreach (var c in checkpoints.OrderBy(c => c.Epoch)) text.Append(CultureInfo.InvariantCulture, $"c{c.Epoch}:{c.Size}:{c.Sha256}|");
        var touched = run.State != RunState.Pending || epochs.Count > 0 || checkpoints.Count > 0;
        return new RunContent(run.RunKey, run.ConfigJson, state, touched, text.ToString(), epochs.Count, store.Path);
    }

    public string Describe() => $"{Source} has it {State.ToSql()} with {Epochs} epoch(s)";

    // "R" keeps every bit of a double, so equal text means equal numbers (NaN included).
    private static string N(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";
}
