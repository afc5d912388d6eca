namespace VaeSweep.Core.Config;

/// <summary>
/// Successive halving (the sweep file's <c>schedule: {halving: {every, keep, k}}</c>): at each rung epoch (every
/// <see cref="Every"/> epochs, before the last) the runs still in the competition are ranked by their importance-
/// weighted bound with <see cref="K"/> samples on the validation split, and only the best <see cref="Keep"/> share of
/// them (at least one) trains on; the others are stopped. A sweep without the section trains every run to the end.
/// </summary>
/// <param name="Location">Where the section is written, for errors about the rule as a whole.</param>
public sealed record HalvingRule(int Every, double Keep, int K, SourceLocation Location)
{
    public const int DefaultK = 100;
    public const double DefaultKeep = 0.5;

    /// <summary>The metric runs are ranked by; the only one (the key exists so that a file says what it ranks by).</summary>
    public const string Metric = "valid_bound_k";

    /// <summary>The rung epochs of runs that train <paramref name="epochs"/> epochs: every, 2 every, ... before the
    /// end (a rung at the end would rank finished runs, which stopping can no longer save anything on).</summary>
    public IEnumerable<int> Rungs(int epochs)
    {
        for (var rung = Every; rung < epochs; rung += Every) yield return rung;
    }

    /// <summary>Whether two rules (either absent) decide alike, wherever they are written.</summary>
    public static bool Same(HalvingRule? a, HalvingRule? b) =>
        a is null || b is null ? a is null && b is null : a with { Location = b.Location } == b;

    /// <summary>The rule as the sweep file writes it.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"halving every {Every} epochs, keep {Keep:R}, ranked by {Metric} with k = {K}");
}
