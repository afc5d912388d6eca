namespace VaeSweep.Core.Scheduling;

/// <summary>Where a claimed run of a halving sweep stops next: after <paramref name="Epoch"/> epochs it measures its
/// validation bound with <paramref name="K"/> samples and waits there for the rest of sweep <paramref name="SweepId"/>.</summary>
public sealed record RungTarget(long SweepId, int Epoch, int K);
