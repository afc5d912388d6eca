namespace VaeSweep.Core.Scheduling;

/// <summary>
/// Something that happened to a sweep, told once: a run claimed, an epoch done, an evaluation started, a run
/// completed, failed or given back, the sweep finished. Read off the store by <see cref="SweepProgress"/>, so the
/// same events come whichever process (a worker child, this one, another `vaesweep run`) did the work.
/// </summary>
public abstract record SweepEvent;
