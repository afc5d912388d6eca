using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;

namespace VaeSweep.Core.Scheduling;

/// <summary>
/// A worker's view of its sweep's successive halving (synchronous: every run of a rung waits for the others). Before
/// each claim it takes every rung decision that has become ready, in rung order, and names the first rung not yet
/// decided: the epoch the runs it claims next stop at. The rule is read from the sweep as recorded in the store, so
/// worker processes of every launcher agree on it without being told.
/// </summary>
public sealed class SweepHalving(HalvingRule rule, long sweepId, int epochs, Action<string>? log)
{
    /// <summary>The sweep's halving, or null when its recorded file has no <c>schedule.halving</c>.</summary>
    public static SweepHalving? Load(IStore store, long sweepId, Action<string>? log = null)
    {
        var sweep = store.Sweeps().FirstOrDefault(s => s.Id == sweepId);
        if (sweep is null) return null;
        var rule = ConfigLoader.LoadString(sweep.ConfigText, $"{store.Path} (sweep '{sweep.Name}')").Halving;
        // Every run of a halving sweep trains the same epochs (Planning's HalvingCheck).
        var first = store.Runs(sweepId).FirstOrDefault();
        return rule is null || first is null ? null : new SweepHalving(rule, sweepId, first.Config.Training.Epochs, log);
    }

    /// <summary>Decides what is ready; returns the next undecided rung, or null once every rung is decided (the
    /// runs claimed now train to their last epoch).</summary>
    public RungTarget? Advance(IStore store)
    {
        var decided = store.Rungs(sweepId).Where(r => r.Decision is not null).Select(r => r.Rung).ToHashSet();
        foreach (var rung in rule.Rungs(epochs).Where(r => !decided.Contains(r)))
        {
            var decision = store.DecideRung(sweepId, rung, rule.Keep);
            if (decision.Count == 0) return new RungTarget(sweepId, rung, rule.K);
            log?.Invoke(Describe(rung, decision));
        }
        return null;
    }

    /// <summary>One line for a rung's decision: which runs it kept and which it stopped.</summary>
    public static string Describe(int rung, IReadOnlyList<RungRecord> decided)
    {
        string Keys(RungDecision d) => string.Join(", ", decided.Where(r => r.Decision == d).Select(r => r.RunKey));
        var stopped = Keys(RungDecision.Stopped);
        return $"halving at epoch {rung}: kept {Keys(RungDecision.Kept)}" + (stopped.Length > 0 ? $"; stopped {stopped}" : "");
    }
}
