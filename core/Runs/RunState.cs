namespace VaeSweep.Core.Runs;

/// <summary>
/// The life cycle of a run. Allowed transitions (also enforced by a trigger in the schema):
/// <code>
/// pending    -> running                 (claimed with a lease)
/// running    -> running                 (stale lease taken over by another owner)
/// running    -> evaluating              (training finished; evaluation pending)
/// evaluating -> evaluating              (stale or released lease taken over: only the evaluation re-runs)
/// evaluating -> completed               (evaluation recorded in the same transaction)
/// running | evaluating -> failed | diverged   (with a reason)
/// running    -> pending                 (released on a graceful interrupt)
/// failed | diverged -> pending          (explicit retry of failed runs)
/// pending    -> stopped                 (successive halving ranked it out at a rung; see Runs.Halving)
/// stopped    -> pending                 (its sweep's halving rule was removed: it resumes from its checkpoint)
/// </code>
/// Completed, failed and diverged are terminal: a terminal run holds no lease and accepts no further writes.
/// Stopped is not terminal, but it holds no lease either and no claim takes it.
/// A run waiting at a rung for the rest of its sweep is pending without a lease (its value recorded at the rung);
/// its sweep's claims pass it by until the rung is decided.
/// </summary>
public enum RunState
{
    Pending,
    Running,
    Evaluating,
    Completed,
    Failed,
    Diverged,
    Stopped,
}
