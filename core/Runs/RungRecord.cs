namespace VaeSweep.Core.Runs;

/// <summary>One run's standing at one rung of a sweep's successive halving: its validation bound with
/// <see cref="K"/> samples after <see cref="Rung"/> epochs, and the decision taken on it (null while the rung
/// waits for the rest of the competition).</summary>
/// <param name="Position">The run's position in the sweep: ties in <see cref="Value"/> go to the earlier run.</param>
public sealed record RungRecord(int Rung, string RunKey, long Position, int K, double Value, RungDecision? Decision);

/// <summary>What a rung decided for a run.</summary>
public enum RungDecision { Kept, Stopped }
