using System.Globalization;

namespace VaeSweep.Core.Runs;

/// <summary>
/// The decision of one rung of successive halving, as a pure function of the values recorded there, so that a
/// sweep resumed after a crash takes the same decision as one that never stopped: the runs are ranked by their
/// validation bound (higher is better; a bound that is not a number ranks last), ties go to the earlier position
/// in the sweep, and the best <see cref="KeptCount"/> are kept. Both stores take it, and word it, through here.
/// </summary>
public static class Halving
{
    /// <returns>The same records, with their decision, in ranked order (best first).</returns>
    public static IReadOnlyList<RungRecord> Decide(IReadOnlyList<RungRecord> competing, int keep)
    {
        var ranked = competing
            .OrderBy(r => double.IsNaN(r.Value) ? 1 : 0)
            .ThenByDescending(r => double.IsNaN(r.Value) ? 0 : r.Value)
            .ThenBy(r => r.Position)
            .ToList();
        return ranked.Select((r, i) => r with { Decision = i < keep ? RungDecision.Kept : RungDecision.Stopped }).ToList();
    }

    /// <summary>How many of <paramref name="competing"/> runs a rung keeps: the keep share rounded up, at least one.
    /// (The small allowance keeps 0.1 x 30, which is 3.0000000000000004 in floating point, at 3.)</summary>
    public static int KeptCount(int competing, double keep) =>
        competing == 0 ? 0 : Math.Clamp((int)Math.Ceiling(competing * keep - 1e-9), 1, competing);

    /// <summary>Each decided record (as <see cref="Decide"/> ranks them) with the sentence recorded for it: the
    /// stopped run's reason, or the kept run's event.</summary>
    public static IEnumerable<(RungRecord Record, string Message)> Messages(string sweep, IReadOnlyList<RungRecord> decided)
    {
        var kept = decided.Count(r => r.Decision == RungDecision.Kept);
        return decided.Select((r, i) => (r, Invariant(
            $"{(r.Decision == RungDecision.Kept ? "kept" : "stopped")} by successive halving of sweep '{sweep}' at epoch {r.Rung}: validation bound (k = {r.K}) {r.Value:F2} ranked {i + 1} of {decided.Count}, {kept} kept")));
    }

    /// <summary>One line for a sweep's rungs so far, e.g. "halving: epoch 1 kept 2 of 4; epoch 2 waits (1 run(s) there)",
    /// or null for a sweep with none.</summary>
    public static string? Summary(IReadOnlyList<RungRecord> rungs)
    {
        if (rungs.Count == 0) return null;
        return "halving: " + string.Join("; ", rungs.GroupBy(r => r.Rung).OrderBy(g => g.Key).Select(g =>
            g.Any(r => r.Decision is null)
                ? $"epoch {g.Key} waits ({g.Count()} run(s) there)"
                : $"epoch {g.Key} kept {g.Count(r => r.Decision == RungDecision.Kept)} of {g.Count()}"));
    }

    /// <param name="late">The rung was decided before the run reached it: it trains on.</param>
    public static string ParkMessage(int rung, int k, double value, bool late = false) =>
        Invariant($"reached epoch {rung}: validation bound (k = {k}) {value:F2}; ") +
        (late ? "the rung was decided without it (it joined the sweep later), so it trains on" : "waits for the rest of its sweep to reach it");

    public const string ResumeMessage = "stopped run returned to pending: its sweep no longer halves; it resumes from its checkpoint";

    public static string ToSql(RungDecision decision) => decision == RungDecision.Kept ? "kept" : "stopped";

    public static RungDecision? ParseDecision(string? text) => text switch
    {
        null => null,
        "kept" => RungDecision.Kept,
        "stopped" => RungDecision.Stopped,
        _ => throw new InvalidDataException($"unknown rung decision '{text}' in the store"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
