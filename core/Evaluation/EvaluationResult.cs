using VaeSweep.Core.Runs;


namespace VaeSweep.Core.Evaluation;

/// <summary>The test-set evaluation of one run: the summary row, the bound for each k and the per-point values.</summary>
public sealed record EvaluationResult(EvaluationRecord Record, IReadOnlyList<BoundRecord> Bounds, EvaluationPoints Points);
