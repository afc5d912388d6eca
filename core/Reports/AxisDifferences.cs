namespace VaeSweep.Core.Reports;

/// <summary>The paired differences along one <c>--by</c> axis, each level against <paramref name="Reference"/>.</summary>
/// <param name="Reference">The axis's first level: the smallest number, or the first value in plan order.</param>
public sealed record AxisDifferences(string Axis, string Reference, IReadOnlyList<LevelDifference> Differences);
