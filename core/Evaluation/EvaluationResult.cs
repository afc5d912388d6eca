using VaeSweep.Core.Runs;


namespace VaeSweep.Core.Evaluation;

/// <summary>The test-set evaluation of one run: the summary row and the bound for each k.</summary>
public sealed record EvaluationResult(EvaluationRecord Record, IReadOnlyList<BoundRecord> Bounds);
